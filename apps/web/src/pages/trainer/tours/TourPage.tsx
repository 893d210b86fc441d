import { DownloadOutlined, EditOutlined, LeftOutlined } from '@ant-design/icons';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Drawer, Form, Grid, Input, InputNumber, Popconfirm, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiProblem, problemText, showFieldErrors } from '../../../components/errors';
import { EmptyState, ErrorState, Loading, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { SignUpStatus, TrainerTourQuery, TrainerTourSignUpsQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours } from '../../../lib/time';
import { downloadWithToken } from '../../../lib/http';
import { StatusTag } from '../shared/labels';
import { useHttpProblemText } from '../shared/MediaUpload';
import { CursorPager } from '../../../components/CursorPager';
import { useCursorPages } from '../../../lib/paging';
import { useUnitNames } from '../shared/pickers';
import { TourForm } from './TourForm';

const TourDocument = graphql(`
  query TrainerTour($id: ID!) {
    studyTour(id: $id) {
      ...TrainerTourFields
    }
  }
`);

const SignUpsDocument = graphql(`
  query TrainerTourSignUps($tourId: ID!, $status: SignUpStatus, $first: Int, $after: String) {
    tourSignUps(tourId: $tourId, status: $status, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        status
        waitlistPosition
        arrival
        signedUpAt
        checkedInAt
        attendance
        person {
          id
          name
          unitName
          isLeading
        }
      }
    }
  }
`);

const OpenDocument = graphql(`
  mutation TrainerOpenTour($id: ID!) {
    openStudyTour(id: $id) {
      ...TrainerTourFields
    }
  }
`);
const CloseDocument = graphql(`
  mutation TrainerCloseTour($id: ID!) {
    closeStudyTour(id: $id) {
      ...TrainerTourFields
    }
  }
`);
const CancelDocument = graphql(`
  mutation TrainerCancelTour($id: ID!, $reason: String!) {
    cancelStudyTour(id: $id, reason: $reason) {
      ...TrainerTourFields
    }
  }
`);
const CompleteDocument = graphql(`
  mutation TrainerCompleteTour($id: ID!) {
    completeStudyTour(id: $id) {
      ...TrainerTourFields
    }
  }
`);
const CapacityDocument = graphql(`
  mutation TrainerTourCapacity($id: ID!, $capacity: Int!) {
    setStudyTourCapacity(id: $id, capacity: $capacity) {
      ...TrainerTourFields
    }
  }
`);
const DecideDocument = graphql(`
  mutation TrainerDecideSignUp($signUpId: ID!, $approve: Boolean!) {
    decideTourSignUp(signUpId: $signUpId, approve: $approve) {
      id
      status
      waitlistPosition
    }
  }
`);
const RemoveDocument = graphql(`
  mutation TrainerRemoveSignUp($signUpId: ID!) {
    removeTourSignUp(signUpId: $signUpId) {
      id
      status
    }
  }
`);
const CheckInDocument = graphql(`
  mutation TrainerCheckIn($tourId: ID!, $signUpId: ID, $code: String) {
    checkInForTour(tourId: $tourId, signUpId: $signUpId, code: $code) {
      id
      status
      checkedInAt
      person {
        id
        name
        unitName
      }
    }
  }
`);
const AttendanceDocument = graphql(`
  mutation TrainerTourAttendance($signUpId: ID!, $attended: Boolean!) {
    setTourAttendance(signUpId: $signUpId, attended: $attended) {
      id
      attendance
    }
  }
`);

type Tour = TrainerTourQuery['studyTour'];

/** Reads the tour and its sign-up list again after a change (seats, statuses and counts move together). */
function useRefreshTour() {
  const client = useApolloClient();
  return () => void client.refetchQueries({ include: ['TrainerTour', 'TrainerTourSignUps'] });
}
type SignUp = TrainerTourSignUpsQuery['tourSignUps']['nodes'][number];
const SIGN_UP_STATUSES: SignUpStatus[] = ['CONFIRMED', 'WAITLISTED', 'PENDING', 'REJECTED', 'CANCELLED', 'REMOVED'];
const STATUS_COLOR: Record<SignUpStatus, string> = { CONFIRMED: 'green', WAITLISTED: 'gold', PENDING: 'blue', REJECTED: 'red', CANCELLED: 'default', REMOVED: 'default' };

/** One study tour for its organisers: details and lifecycle, seats, sign-ups with approval and removal, check-in (list or code), attendance and the attendee list. */
export function TourPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('trainer');
  const query = useQuery(TourDocument, { variables: { id } });
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/studio/tours">
        <LeftOutlined /> {t('tour.back')}
      </Link>
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {({ studyTour }) => <TourDetail tour={studyTour} />}
      </QueryState>
    </Space>
  );
}

function TourDetail({ tour }: { tour: Tour }) {
  const { t } = useTranslation('trainer');
  const { message, modal } = App.useApp();
  const phone = !Grid.useBreakpoint().md;
  const unitNames = useUnitNames(tour.eligibleUnitIds);
  const httpText = useHttpProblemText();
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [open] = useMutation(OpenDocument);
  const [close] = useMutation(CloseDocument);
  const [cancel] = useMutation(CancelDocument);
  const [complete] = useMutation(CompleteDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const refresh = useRefreshTour();

  const run = async (key: string, action: () => Promise<unknown>, done: string) => {
    setProblem(null);
    setBusy(key);
    try {
      await action();
      void message.success(done);
      refresh();
    } catch (e) {
      setProblem(problemText(apiProblem(e), t));
    } finally {
      setBusy(null);
    }
  };

  const askCancel = () => {
    let reason = '';
    modal.confirm({
      title: t('tour.cancelTitle'),
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('tour.cancelHint')}</Typography.Text>
          <Input.TextArea aria-label={t('tour.cancelReason')} placeholder={t('tour.cancelReason')} maxLength={500} rows={2} onChange={(e) => (reason = e.target.value)} />
        </Space>
      ),
      okText: t('tour.cancelTour'),
      okButtonProps: { danger: true },
      cancelText: t('actions.cancel'),
      onOk: () => run('cancel', () => cancel({ variables: { id: tour.id, reason: reason.trim() } }), t('tour.cancelled')),
    });
  };

  const exportCsv = async () => {
    setProblem(null);
    setExporting(true);
    try {
      await downloadWithToken(`/exports/study-tours/${tour.id}/attendees.csv`, `${tour.title}-名单.csv`);
    } catch (e) {
      setProblem(httpText(e));
    } finally {
      setExporting(false);
    }
  };

  const ended = new Date(tour.endsAt).getTime() <= Date.now();
  const active = tour.status === 'OPEN' || tour.status === 'CLOSED';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
          <Space orientation="vertical" size={4}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {tour.title}
            </Typography.Title>
            <Space size={4} wrap data-testid="tour-status">
              <StatusTag status={tour.status} group="tour" />
              <Tag>{t(`tours.kinds.${tour.kind}`)}</Tag>
              {tour.approvalRequired && <Tag color="blue">{t('tour.approvalMode')}</Tag>}
            </Space>
          </Space>
          <Space wrap>
            {tour.status === 'DRAFT' && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('actions.edit')}
              </Button>
            )}
            {(tour.status === 'DRAFT' || tour.status === 'CLOSED') && (
              <Button type="primary" loading={busy === 'open'} onClick={() => void run('open', () => open({ variables: { id: tour.id } }), t('tour.opened'))}>
                {t('tour.open')}
              </Button>
            )}
            {tour.status === 'OPEN' && (
              <Popconfirm title={t('tour.closeConfirm')} okText={t('tour.close')} cancelText={t('actions.cancel')} onConfirm={() => void run('close', () => close({ variables: { id: tour.id } }), t('tour.closed'))}>
                <Button loading={busy === 'close'}>{t('tour.close')}</Button>
              </Popconfirm>
            )}
            {active && (
              <Popconfirm title={t('tour.completeConfirm')} description={t('tour.completeHint')} okText={t('tour.complete')} cancelText={t('actions.cancel')} onConfirm={() => void run('complete', () => complete({ variables: { id: tour.id } }), t('tour.completed'))}>
                <Button loading={busy === 'complete'} disabled={!ended} title={ended ? undefined : t('tour.completeAfterEnd')}>
                  {t('tour.complete')}
                </Button>
              </Popconfirm>
            )}
            {tour.status !== 'CANCELLED' && tour.status !== 'DONE' && (
              <Button danger loading={busy === 'cancel'} onClick={askCancel}>
                {t('tour.cancelTour')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()} disabled={tour.status === 'DRAFT'}>
              {t('tour.export')}
            </Button>
          </Space>
        </Space>
        {problem && <Alert type="error" showIcon title={t('tour.refused')} description={problem} style={{ marginTop: 12 }} role="alert" data-testid="tour-problem" closable={{ onClose: () => setProblem(null) }} />}
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('tourForm.destination')}>{tour.destination}</Descriptions.Item>
          <Descriptions.Item label={t('tourForm.meetingPoint')}>{tour.meetingPoint || t('tour.toBeAnnounced')}</Descriptions.Item>
          <Descriptions.Item label={t('tour.when')}>
            {formatDateTime(tour.startsAt)} – {formatDateTime(tour.endsAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('tour.signUpWindow')}>
            {formatDateTime(tour.signUpOpensAt)} – {formatDateTime(tour.signUpClosesAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('tourForm.cancelCutoffAt')}>{formatDateTime(tour.cancelCutoffAt)}</Descriptions.Item>
          <Descriptions.Item label={t('tourForm.classHours')}>{formatHours(tour.classHours)}</Descriptions.Item>
          <Descriptions.Item label={t('tour.seatsLabel')}>
            <span data-testid="tour-seats">{t('tour.seatsValue', { confirmed: tour.confirmedCount, capacity: tour.capacity, left: tour.seatsLeft })}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('tour.eligible')}>
            {[
              tour.eligibleTiers.length ? tour.eligibleTiers.map((tier) => t(`common:tiers.${tier}`)).join(t('sep.list')) : t('tour.anyTier'),
              tour.eligibleUnitIds.length ? unitNames.join(t('sep.list')) : t('tour.anyUnit'),
              tour.leadingOnly ? t('tour.leadingOnly') : null,
            ]
              .filter(Boolean)
              .join(t('sep.clause'))}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {tour.status !== 'DRAFT' && tour.status !== 'CANCELLED' && tour.status !== 'DONE' && <CapacityCard key="capacity" tour={tour} />}
      {active && <CodeCheckIn key="code" tour={tour} onCheckedIn={refresh} />}
      <SignUpsCard key="signups" tour={tour} />
      <Drawer key="edit" open={editing} onClose={() => setEditing(false)} title={t('tour.editTitle')} size={phone ? '100%' : 640} destroyOnHidden>
        <TourForm tour={tour} onSaved={() => setEditing(false)} />
      </Drawer>
    </Space>
  );
}

/** Raises (or lowers) the seats; the API refuses going below the confirmed count and says so. */
function CapacityCard({ tour }: { tour: Tour }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ capacity: number }>();
  const [save, saving] = useMutation(CapacityDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const refresh = useRefreshTour();
  return (
    <Card size="small" title={t('capacity.title')}>
      <Typography.Paragraph type="secondary">{t('capacity.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        initialValues={{ capacity: tour.capacity }}
        onValuesChange={() => setProblem(null)}
        onFinish={async ({ capacity }) => {
          setProblem(null);
          try {
            const res = await save({ variables: { id: tour.id, capacity } });
            void message.success(t('capacity.saved', { capacity: res.data?.setStudyTourCapacity.capacity }));
            refresh();
          } catch (e) {
            setProblem(showFieldErrors(form, e, t));
          }
        }}
      >
        <Form.Item name="capacity" label={t('tourForm.capacity')} rules={[{ required: true, message: t('tourForm.capacityRequired') }]}>
          <InputNumber min={1} max={100000} precision={0} suffix={t('tours.seatsUnit')} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={saving.loading}>
            {t('capacity.submit')}
          </Button>
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} role="alert" data-testid="capacity-problem" />}
    </Card>
  );
}

/** Check-in with the six-digit code on the cadre's phone (it changes every minute). */
function CodeCheckIn({ tour, onCheckedIn }: { tour: Tour; onCheckedIn: () => void }) {
  const { t } = useTranslation('trainer');
  const [form] = Form.useForm<{ code: string }>();
  const [checkIn, checking] = useMutation(CheckInDocument);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <Card size="small" title={t('checkIn.title')}>
      <Typography.Paragraph type="secondary">{t('checkIn.hint')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onValuesChange={() => setResult(null)}
        onFinish={async ({ code }) => {
          setResult(null);
          try {
            const res = await checkIn({ variables: { tourId: tour.id, code: code.trim() } });
            const p = res.data!.checkInForTour.person;
            setResult({ ok: true, text: t('checkIn.done', { name: p.name, unit: p.unitName, time: formatDateTime(res.data!.checkInForTour.checkedInAt) }) });
            form.resetFields();
            onCheckedIn();
          } catch (e) {
            const text = showFieldErrors(form, e, t);
            if (text) setResult({ ok: false, text });
          }
        }}
      >
        <Form.Item name="code" label={t('checkIn.code')} rules={[{ required: true, message: t('checkIn.codeRequired') }, { pattern: /^\s*\d{6}\s*$/, message: t('checkIn.codeInvalid') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} style={{ width: 140, letterSpacing: 2 }} placeholder="000000" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={checking.loading}>
            {t('checkIn.submit')}
          </Button>
        </Form.Item>
      </Form>
      {result && <Alert type={result.ok ? 'success' : 'error'} showIcon title={result.text} style={{ marginTop: 12 }} role={result.ok ? 'status' : 'alert'} data-testid="checkin-result" />}
    </Card>
  );
}

/** The sign-ups in arrival order: approve or decline (approval mode), remove, check in from the list, correct attendance after the tour. */
function SignUpsCard({ tour }: { tour: Tour }) {
  const { t } = useTranslation('trainer');
  const { message } = App.useApp();
  const [status, setStatus] = useState<SignUpStatus | undefined>();
  const pages = useCursorPages();
  const query = useQuery(SignUpsDocument, { variables: { tourId: tour.id, status, first: pages.first, after: pages.after }, fetchPolicy: 'cache-and-network' });
  const [decide] = useMutation(DecideDocument);
  const [remove] = useMutation(RemoveDocument);
  const [checkIn] = useMutation(CheckInDocument);
  const [attendance] = useMutation(AttendanceDocument);
  const [busy, setBusy] = useState<string | null>(null);
  const data = query.data ?? query.previousData;
  const refresh = useRefreshTour();

  const act = async (key: string, action: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await action();
      void message.success(done);
      refresh();
    } catch (e) {
      void message.error(problemText(apiProblem(e), t));
    } finally {
      setBusy(null);
    }
  };

  const canCheckIn = tour.status === 'OPEN' || tour.status === 'CLOSED';
  const finished = tour.status === 'DONE' || tour.status === 'CANCELLED';

  return (
    <Card
      size="small"
      title={t('signUps.title')}
      extra={
        <Select
          allowClear
          size="small"
          placeholder={t('signUps.allStatuses')}
          aria-label={t('signUps.statusFilter')}
          value={status}
          onChange={(v: SignUpStatus | undefined) => {
            setStatus(v);
            pages.reset();
          }}
          options={SIGN_UP_STATUSES.map((s) => ({ value: s, label: t(`signUps.status.${s}`) }))}
          style={{ width: 130 }}
        />
      }
    >
      {!data ? (
        query.error ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Loading />
        )
      ) : data.tourSignUps.totalCount === 0 ? (
        <EmptyState description={status ? t('signUps.noneFound') : t('signUps.none')} />
      ) : (
        <>
          <Table<SignUp>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 960 }}
            dataSource={data.tourSignUps.nodes}
            data-testid="signups"
            columns={[
              { title: t('signUps.name'), key: 'name', render: (_, s) => <Space size={4}>{s.person.name}{s.person.isLeading && <Tag color="purple">{t('signUps.leading')}</Tag>}</Space> },
              { title: t('signUps.unit'), key: 'unit', render: (_, s) => s.person.unitName },
              {
                title: t('signUps.statusLabel'),
                dataIndex: 'status',
                render: (st: SignUpStatus, s) => (
                  <Tag color={STATUS_COLOR[st]}>
                    {t(`signUps.status.${st}`)}
                    {st === 'WAITLISTED' && s.waitlistPosition ? ` ${t('signUps.place', { place: s.waitlistPosition })}` : ''}
                  </Tag>
                ),
              },
              { title: t('signUps.signedUpAt'), dataIndex: 'signedUpAt', render: (d: string) => formatDateTime(d) },
              { title: t('signUps.checkedInAt'), dataIndex: 'checkedInAt', render: (d: string | null) => (d ? <Tag color="green">{formatDateTime(d)}</Tag> : '-') },
              {
                title: t('signUps.attendance'),
                key: 'attendance',
                render: (_, s) =>
                  tour.status === 'DONE' && s.status === 'CONFIRMED' ? (
                    <Segmented
                      size="small"
                      aria-label={t('signUps.attendanceOf', { name: s.person.name })}
                      value={s.attendance ?? undefined}
                      disabled={busy === `att-${s.id}`}
                      options={[
                        { value: 'ATTENDED', label: t('signUps.ATTENDED') },
                        { value: 'NO_SHOW', label: t('signUps.NO_SHOW') },
                      ]}
                      onChange={(v) => void act(`att-${s.id}`, () => attendance({ variables: { signUpId: s.id, attended: v === 'ATTENDED' } }), t('signUps.attendanceSaved', { name: s.person.name }))}
                    />
                  ) : s.attendance ? (
                    t(`signUps.${s.attendance}`)
                  ) : (
                    '-'
                  ),
              },
              {
                title: t('actions.title'),
                key: 'actions',
                render: (_, s) => (
                  <Space size={4} wrap>
                    {s.status === 'PENDING' && (
                      <>
                        <Button size="small" type="primary" loading={busy === `ok-${s.id}`} onClick={() => void act(`ok-${s.id}`, () => decide({ variables: { signUpId: s.id, approve: true } }), t('signUps.approved', { name: s.person.name }))}>
                          {t('signUps.approve')}
                        </Button>
                        <Button size="small" loading={busy === `no-${s.id}`} onClick={() => void act(`no-${s.id}`, () => decide({ variables: { signUpId: s.id, approve: false } }), t('signUps.declined', { name: s.person.name }))}>
                          {t('signUps.decline')}
                        </Button>
                      </>
                    )}
                    {canCheckIn && s.status === 'CONFIRMED' && !s.checkedInAt && (
                      <Button size="small" loading={busy === `in-${s.id}`} aria-label={t('signUps.checkInOf', { name: s.person.name })} onClick={() => void act(`in-${s.id}`, () => checkIn({ variables: { tourId: tour.id, signUpId: s.id } }), t('signUps.checkedIn', { name: s.person.name }))}>
                        {t('signUps.checkIn')}
                      </Button>
                    )}
                    {!finished && ['CONFIRMED', 'WAITLISTED', 'PENDING'].includes(s.status) && (
                      <Popconfirm
                        title={t('signUps.removeConfirm', { name: s.person.name })}
                        description={s.status === 'CONFIRMED' ? t('signUps.removeHint') : undefined}
                        okText={t('actions.remove')}
                        cancelText={t('actions.cancel')}
                        onConfirm={() => void act(`rm-${s.id}`, () => remove({ variables: { signUpId: s.id } }), t('signUps.removed', { name: s.person.name }))}
                      >
                        <Button size="small" danger loading={busy === `rm-${s.id}`} aria-label={t('signUps.removeOf', { name: s.person.name })}>
                          {t('actions.remove')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <CursorPager pages={pages} totalCount={data.tourSignUps.totalCount} pageInfo={data.tourSignUps.pageInfo} />
        </>
      )}
    </Card>
  );
}
