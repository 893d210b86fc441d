import { CheckCircleFilled, LeftOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, QueryState } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { PortalTourQuery } from '../../../gql/graphql';
import { formatDateTime, formatHours, formatTime } from '../../../lib/time';
import { refusalReason, refusalText } from './refusals';
import { ACTIVE, SignUpTag, signUpWindow, TourKindTag, TourStatusTag } from './tourLabels';

const TourDocument = graphql(`
  query PortalTour($id: ID!) {
    studyTour(id: $id) {
      id
      title
      kind
      destination
      meetingPoint
      startsAt
      endsAt
      classHours
      capacity
      confirmedCount
      seatsLeft
      status
      approvalRequired
      leadingOnly
      signUpOpensAt
      signUpClosesAt
      cancelCutoffAt
      mySignUp {
        id
        status
        waitlistPosition
        signedUpAt
        checkedInAt
        attendance
      }
    }
  }
`);

const SignUpDocument = graphql(`
  mutation PortalSignUpForTour($tourId: ID!) {
    signUpForTour(tourId: $tourId) {
      id
      status
      waitlistPosition
    }
  }
`);

const CancelDocument = graphql(`
  mutation PortalCancelTourSignUp($tourId: ID!) {
    cancelTourSignUp(tourId: $tourId) {
      id
      status
    }
  }
`);

const CheckInCodeDocument = graphql(`
  query PortalTourCheckInCode($tourId: ID!) {
    myTourCheckInCode(tourId: $tourId) {
      code
      expiresAt
    }
  }
`);

type Tour = PortalTourQuery['studyTour'];

/** Check-in opens two hours before the start and stays open until the end (as the API enforces). */
const CHECK_IN_OPENS_BEFORE_MS = 2 * 3600_000;

/** One study tour: everything about it, my sign-up (sign up, cancel before the cut-off) and, with a confirmed seat, the check-in code. */
export function TourPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('portal');
  const query = useQuery(TourDocument, { variables: { id } });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/study/tours">
        <LeftOutlined /> {t('tour.back')}
      </Link>
      {query.error && !query.data && refusalReason(query.error) ? (
        <Result status="403" title={t('tour.notForYou')} subTitle={<span role="alert">{refusalText(query.error, t)}</span>} />
      ) : (
      <QueryState loading={query.loading} error={query.error} data={query.data} retry={() => void query.refetch()}>
        {({ studyTour }) => (
          <>
            <TourDetails tour={studyTour} />
            <MySignUp tour={studyTour} refetch={query.refetch} startPolling={query.startPolling} stopPolling={query.stopPolling} />
          </>
        )}
      </QueryState>
      )}
    </Space>
  );
}

function TourDetails({ tour }: { tour: Tour }) {
  const { t } = useTranslation('portal');
  return (
    <Card size="small">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {tour.title}
      </Typography.Title>
      <Space size={[4, 4]} wrap style={{ marginBottom: 12 }}>
        <TourKindTag kind={tour.kind} />
        <TourStatusTag status={tour.status} />
        <Tag>{t('tours.hours', { hours: formatHours(tour.classHours), count: tour.classHours })}</Tag>
        {tour.approvalRequired && <Tag>{t('tours.approvalTag')}</Tag>}
        {tour.leadingOnly && <Tag>{t('tour.leadingOnly')}</Tag>}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'destination', label: t('tour.destination'), children: tour.destination },
          ...(tour.meetingPoint ? [{ key: 'meetingPoint', label: t('tour.meetingPoint'), children: tour.meetingPoint }] : []),
          { key: 'startsAt', label: t('tour.startsAt'), children: formatDateTime(tour.startsAt) },
          { key: 'endsAt', label: t('tour.endsAt'), children: formatDateTime(tour.endsAt) },
          { key: 'classHours', label: t('tour.classHours'), children: t('tour.classHoursValue', { hours: formatHours(tour.classHours), count: tour.classHours }) },
          {
            key: 'seats',
            label: t('tour.seats'),
            children: <span data-testid="tour-seats">{tour.seatsLeft > 0 ? t('tours.seatsLeft', { count: tour.seatsLeft, capacity: tour.capacity }) : t('tours.full', { capacity: tour.capacity, count: tour.capacity })}</span>,
          },
          { key: 'window', label: t('tour.window'), children: t('tour.windowValue', { from: formatDateTime(tour.signUpOpensAt), to: formatDateTime(tour.signUpClosesAt) }) },
          { key: 'cutoff', label: t('tour.cutoff'), children: formatDateTime(tour.cancelCutoffAt) },
        ]}
      />
    </Card>
  );
}

function MySignUp({ tour, refetch, startPolling, stopPolling }: { tour: Tour; refetch: () => Promise<unknown>; startPolling: (ms: number) => void; stopPolling: () => void }) {
  const { t } = useTranslation('portal');
  const { modal, message } = App.useApp();
  const [signUp] = useMutation(SignUpDocument);
  const [cancel] = useMutation(CancelDocument);
  const [problem, setProblem] = useState<{ action: 'signUp' | 'cancel'; error: unknown } | null>(null);
  const [showCode, setShowCode] = useState(false);
  const mine = tour.mySignUp;
  const active = Boolean(mine && ACTIVE.includes(mine.status));
  const live = tour.status === 'OPEN' || tour.status === 'CLOSED';
  const now = Date.now();
  const phase = signUpWindow(tour, now);
  const beforeCutoff = now < new Date(tour.cancelCutoffAt).getTime();
  const checkInOpen = now >= new Date(tour.startsAt).getTime() - CHECK_IN_OPENS_BEFORE_MS && now <= new Date(tour.endsAt).getTime();
  const codeWanted = live && mine?.status === 'CONFIRMED' && !mine.checkedInAt && (checkInOpen || showCode);

  // while the code is on screen, watch for the organiser checking me in
  useEffect(() => {
    if (!codeWanted) return;
    startPolling(5000);
    return () => stopPolling();
  }, [codeWanted, startPolling, stopPolling]);

  const doSignUp = async () => {
    setProblem(null);
    try {
      const res = await signUp({ variables: { tourId: tour.id } });
      await refetch();
      const s = res.data!.signUpForTour;
      void message.success(s.status === 'WAITLISTED' ? t('tour.signedUpWaitlisted', { position: s.waitlistPosition ?? '-' }) : t(`tour.signedUp${s.status === 'PENDING' ? 'Pending' : 'Confirmed'}`));
    } catch (e) {
      setProblem({ action: 'signUp', error: e });
      void refetch().catch(() => undefined);
    }
  };
  const doCancel = async () => {
    setProblem(null);
    try {
      await cancel({ variables: { tourId: tour.id } });
      await refetch();
      void message.success(t('tour.cancelled'));
    } catch (e) {
      setProblem({ action: 'cancel', error: e });
      void refetch().catch(() => undefined);
    }
  };

  const confirmSignUp = () =>
    modal.confirm({
      title: t('tour.confirmTitle', { title: tour.title }),
      content: (
        <Space orientation="vertical" size={4}>
          <span>{t('tour.confirmWhen', { start: formatDateTime(tour.startsAt), destination: tour.destination })}</span>
          {tour.approvalRequired ? <span>{t('tour.confirmApproval')}</span> : tour.seatsLeft <= 0 ? <span>{t('tour.confirmWaitlist')}</span> : null}
          <span>{t('tour.confirmCutoff', { date: formatDateTime(tour.cancelCutoffAt) })}</span>
        </Space>
      ),
      okText: t('tour.confirmOk'),
      cancelText: t('back'),
      onOk: doSignUp,
    });
  const confirmCancel = () =>
    modal.confirm({
      title: t('tour.cancelTitle'),
      content: mine?.status === 'CONFIRMED' ? t('tour.cancelBodyConfirmed') : t('tour.cancelBody'),
      okText: t('tour.cancelOk'),
      okButtonProps: { danger: true },
      cancelText: t('back'),
      onOk: doCancel,
    });

  return (
    <Card size="small" title={t('tour.mySignUp')} data-testid="my-signup">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {tour.status === 'CANCELLED' && <Alert type="warning" showIcon title={t('tour.tourCancelled')} />}
        {tour.status === 'DONE' && !mine && <Alert type="info" showIcon title={t('tour.tourDone')} />}
        {mine ? (
          <Space orientation="vertical" size={4}>
            <Space wrap>
              <SignUpTag signUp={mine} />
              <Typography.Text type="secondary">{t('tour.signedUpAt', { date: formatDateTime(mine.signedUpAt) })}</Typography.Text>
            </Space>
            <SignUpExplanation tour={tour} />
          </Space>
        ) : (
          tour.status !== 'CANCELLED' && tour.status !== 'DONE' && <Typography.Text type="secondary">{t('tour.notSignedUp')}</Typography.Text>
        )}
        {problem && (
          <Alert
            type="error"
            showIcon
            title={t(problem.action === 'signUp' ? 'tour.signUpFailed' : 'tour.cancelFailed')}
            description={refusalText(problem.error, t)}
            data-testid="tour-problem"
            closable={{ onClose: () => setProblem(null) }}
          />
        )}

        {codeWanted ? (
          <CheckInCode tourId={tour.id} onGone={() => void refetch()} />
        ) : (
          live &&
          mine?.status === 'CONFIRMED' &&
          !mine.checkedInAt && (
            <Space orientation="vertical" size={4}>
              <Typography.Text type="secondary">{t('tour.checkInHint', { date: formatDateTime(new Date(new Date(tour.startsAt).getTime() - CHECK_IN_OPENS_BEFORE_MS)) })}</Typography.Text>
              <Button icon={<QrcodeOutlined />} onClick={() => setShowCode(true)}>
                {t('tour.showCode')}
              </Button>
            </Space>
          )
        )}

        {tour.status === 'OPEN' && !active && (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {phase !== 'OPEN' && (
              <Typography.Text type="warning">{phase === 'NOT_YET' ? t('tours.opensAt', { date: formatDateTime(tour.signUpOpensAt) }) : t('tours.closedAt', { date: formatDateTime(tour.signUpClosesAt) })}</Typography.Text>
            )}
            <Button type="primary" block size="large" disabled={phase !== 'OPEN'} onClick={confirmSignUp}>
              {mine ? t('tour.signUpAgain') : t('tour.signUp')}
            </Button>
          </Space>
        )}
        {live && active && (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {beforeCutoff ? (
              <Typography.Text type="secondary">{t('tour.cancelUntil', { date: formatDateTime(tour.cancelCutoffAt) })}</Typography.Text>
            ) : (
              <Typography.Text type="warning">{t('tour.cancelClosed', { date: formatDateTime(tour.cancelCutoffAt) })}</Typography.Text>
            )}
            {beforeCutoff && (
              <Button danger block onClick={confirmCancel}>
                {t('tour.cancelSignUp')}
              </Button>
            )}
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** What my sign-up means now, in a sentence. */
function SignUpExplanation({ tour }: { tour: Tour }) {
  const { t } = useTranslation('portal');
  const mine = tour.mySignUp!;
  if (mine.attendance === 'ATTENDED')
    return (
      <Typography.Text type="success">
        <CheckCircleFilled /> {t('tour.explain.attended', { hours: formatHours(tour.classHours), count: tour.classHours })} <Link to="/study/record">{t('tour.toRecord')}</Link>
      </Typography.Text>
    );
  if (mine.attendance === 'NO_SHOW') return <Typography.Text type="danger">{t('tour.explain.noShow')}</Typography.Text>;
  if (mine.status === 'CONFIRMED' && mine.checkedInAt)
    return (
      <Typography.Text type="success" data-testid="checked-in">
        <CheckCircleFilled /> {t('tour.explain.checkedIn', { date: formatDateTime(mine.checkedInAt) })}
      </Typography.Text>
    );
  if (mine.status === 'CANCELLED' && tour.status === 'CANCELLED') return <Typography.Text>{t('tour.explain.tourCancelled')}</Typography.Text>;
  return <Typography.Text>{t(`tour.explain.${mine.status}`, { position: mine.waitlistPosition ?? '-' })}</Typography.Text>;
}

/** The six digits a trainer reads off the phone; they change every minute, so the code is fetched again when it expires. */
function CheckInCode({ tourId, onGone }: { tourId: string; onGone: () => void }) {
  const { t } = useTranslation('portal');
  const query = useQuery(CheckInCodeDocument, { variables: { tourId }, fetchPolicy: 'network-only' });
  const [now, setNow] = useState(() => Date.now());
  const fetchedAt = useRef(Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const code = query.data?.myTourCheckInCode;
  const remaining = code ? Math.max(0, Math.ceil((new Date(code.expiresAt).getTime() - now) / 1000)) : null;
  const { refetch } = query;
  useEffect(() => {
    // a new code every minute; a device whose clock runs ahead asks at most every ten seconds
    if (remaining === 0 && Date.now() - fetchedAt.current > 10_000) {
      fetchedAt.current = Date.now();
      void refetch().catch(() => undefined);
    }
  }, [remaining, refetch]);
  // refused (e.g. already checked in, or the seat was given up): the tour is read again
  const failed = Boolean(query.error);
  useEffect(() => {
    if (failed) onGone();
  }, [failed, onGone]);

  if (query.error && !code) return <Alert type="warning" showIcon title={t('tour.codeUnavailable')} description={refusalText(query.error, t)} />;
  if (!code) return <Loading rows={2} />;
  return (
    <div style={{ textAlign: 'center', padding: '16px 8px', border: '2px solid #1f6f5c', borderRadius: 12, background: '#f3faf7' }} aria-live="polite">
      <Typography.Text strong>{t('tour.codeTitle')}</Typography.Text>
      <div
        data-testid="checkin-code"
        aria-label={t('tour.codeLabel', { code: code.code.split('').join(' ') })}
        style={{ fontSize: 56, lineHeight: 1.2, fontWeight: 700, letterSpacing: '0.12em', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', color: '#1f6f5c', margin: '8px 0' }}
      >
        {code.code}
      </div>
      <Typography.Text type="secondary" data-testid="checkin-code-expiry">
        {t('tour.codeExpires', { time: formatTime(code.expiresAt), seconds: remaining ?? 0 })}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary">{t('tour.codeHint')}</Typography.Text>
      </div>
    </div>
  );
}
