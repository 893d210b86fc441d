import { DeleteOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Row, Space, Switch, Table, Tag, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../auth/AuthProvider';
import { apiProblem, problemText, showFieldErrors } from '../../../components/errors';
import { EmptyState, ErrorState, Loading } from '../../../components/PageState';
import { graphql } from '../../../gql';
import type { AdminFestivalCalendarQuery } from '../../../gql/graphql';
import { currentYear } from '../../../lib/time';
import { shanghaiDate } from '../shared/time';
import { useUnitDirectory } from '../shared/units';
import './calendar.css';

const CalendarDocument = graphql(`
  query AdminFestivalCalendar($year: Int!) {
    festivalCalendar(year: $year) {
      year
      statutoryPublished
      festivals {
        key
        name
        date
      }
      daysOff {
        date
        name
      }
      swappedWorkdays {
        date
        name
      }
      customDates {
        date
        customDate {
          id
          name
          date
          yearly
          unitId
        }
      }
    }
  }
`);

const AddCustomDateDocument = graphql(`
  mutation AdminAddCustomDate($input: CustomDateInput!) {
    addCustomDate(input: $input) {
      id
      name
      date
      yearly
      unitId
    }
  }
`);

const RemoveCustomDateDocument = graphql(`
  mutation AdminRemoveCustomDate($id: ID!) {
    removeCustomDate(id: $id) {
      id
    }
  }
`);

type Calendar = AdminFestivalCalendarQuery['festivalCalendar'];

interface DayMarks {
  festivals: string[];
  dayOff?: string;
  workday?: string;
  custom: string[];
}

function marksOf(calendar: Calendar): Map<string, DayMarks> {
  const marks = new Map<string, DayMarks>();
  const at = (date: string) => {
    let m = marks.get(date);
    if (!m) marks.set(date, (m = { festivals: [], custom: [] }));
    return m;
  };
  for (const f of calendar.festivals) at(f.date).festivals.push(f.name);
  for (const d of calendar.daysOff) at(d.date).dayOff = d.name;
  for (const d of calendar.swappedWorkdays) at(d.date).workday = d.name;
  for (const d of calendar.customDates) at(d.date).custom.push(d.customDate.name);
  return marks;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The year's festival calendar as twelve month grids, with statutory days off, swapped working days and the units' own dates. */
export function CalendarPage() {
  const { t } = useTranslation('admin');
  const thisYear = currentYear();
  const [year, setYear] = useState(thisYear);
  const query = useQuery(CalendarDocument, { variables: { year } });
  const calendar = query.data?.festivalCalendar ?? (query.loading ? query.previousData?.festivalCalendar : undefined);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('calendar.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('calendar.intro')}</Typography.Text>
      </div>
      <Space wrap>
        <Button icon={<LeftOutlined />} aria-label={t('calendar.prevYear')} onClick={() => setYear((y) => Math.max(1901, y - 1))} disabled={year <= 1901} />
        <InputNumber
          aria-label={t('calendar.year')}
          min={1901}
          max={2099}
          precision={0}
          value={year}
          onChange={(v) => typeof v === 'number' && v >= 1901 && v <= 2099 && setYear(v)}
          style={{ width: 110 }}
          suffix={t('calendar.yearSuffix')}
          data-testid="calendar-year"
        />
        <Button icon={<RightOutlined />} aria-label={t('calendar.nextYear')} onClick={() => setYear((y) => Math.min(2099, y + 1))} disabled={year >= 2099} />
        {year !== thisYear && <Button onClick={() => setYear(thisYear)}>{t('calendar.thisYear')}</Button>}
      </Space>
      {query.error && !calendar ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !calendar ? (
        <Loading rows={10} />
      ) : (
        <CalendarBody calendar={calendar} onChanged={() => void query.refetch()} />
      )}
    </Space>
  );
}

function CalendarBody({ calendar, onChanged }: { calendar: Calendar; onChanged(): void }) {
  const { t } = useTranslation('admin');
  const marks = useMemo(() => marksOf(calendar), [calendar]);
  const today = shanghaiDate(new Date());
  return (
    <>
      {!calendar.statutoryPublished && <Alert type="warning" showIcon title={t('calendar.notPublished', { year: calendar.year })} data-testid="statutory-not-published" />}
      <Legend />
      <Row gutter={[12, 12]} data-testid="month-grid">
        {Array.from({ length: 12 }, (_, m) => (
          <Col key={m} xs={24} sm={12} lg={8} xxl={6}>
            <MonthGrid year={calendar.year} month={m} marks={marks} today={today} />
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('calendar.festivalsTitle', { year: calendar.year })}>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={calendar.festivals}
              locale={{ emptyText: <EmptyState description={t('calendar.festivalsNone')} /> }}
              columns={[
                { title: t('calendar.columns.date'), dataIndex: 'date', width: 120 },
                { title: t('calendar.columns.name'), dataIndex: 'name' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <CustomDates calendar={calendar} onChanged={onChanged} />
        </Col>
      </Row>
    </>
  );
}

function Legend() {
  const { t } = useTranslation('admin');
  const items = [
    { key: 'festival', className: 'ql-cal-legend-festival', sample: t('festivals.SPRING_FESTIVAL') },
    { key: 'dayOff', className: 'ql-cal-day ql-cal-off', sample: t('calendar.dayOff') },
    { key: 'workday', className: 'ql-cal-day ql-cal-work', sample: t('calendar.workday') },
    { key: 'custom', className: 'ql-cal-legend-custom', sample: t('calendar.customSample') },
    { key: 'today', className: 'ql-cal-day ql-cal-today', sample: '1' },
  ] as const;
  return (
    <Space wrap size="middle" aria-label={t('calendar.legend')} role="list" data-testid="calendar-legend">
      <Typography.Text strong>{t('calendar.legend')}</Typography.Text>
      {items.map((i) => (
        <Space key={i.key} size={4} role="listitem">
          <span className={`ql-cal-legend-swatch ${i.className}`} aria-hidden>
            {i.sample}
          </span>
          <span>{t(`calendar.legendItems.${i.key}`)}</span>
        </Space>
      ))}
    </Space>
  );
}

function MonthGrid({ year, month, marks, today }: { year: number; month: number; marks: Map<string, DayMarks>; today: string }) {
  const { t } = useTranslation('admin');
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7; // Monday first
  const cells: (number | null)[] = [...Array.from({ length: lead }, () => null), ...Array.from({ length: days }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const weekdays = t('calendar.weekdays', { returnObjects: true }) as string[];
  return (
    <Card size="small" className="ql-cal-month" style={{ height: '100%' }} title={t('calendar.months', { month: month + 1 })}>
      <table className="ql-cal-table" data-testid={`month-${year}-${pad(month + 1)}`}>
        <caption className="ql-visually-hidden">{t('calendar.monthGrid', { year, month: month + 1 })}</caption>
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={w} scope="col" className={i >= 5 ? 'ql-cal-weekend' : undefined}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((day, i) => {
                if (day === null) return <td key={`empty-${i}`} />;
                const date = `${year}-${pad(month + 1)}-${pad(day)}`;
                const m = marks.get(date);
                const notes = [
                  ...(m?.festivals ?? []),
                  m?.dayOff ? `${t('calendar.legendItems.dayOff')}（${m.dayOff}）` : null,
                  m?.workday ? `${t('calendar.legendItems.workday')}（${m.workday}）` : null,
                  ...(m?.custom ?? []),
                ].filter(Boolean);
                const classes = ['ql-cal-day', m?.dayOff && 'ql-cal-off', m?.workday && 'ql-cal-work', date === today && 'ql-cal-today', i >= 5 && 'ql-cal-weekend'].filter(Boolean).join(' ');
                return (
                  <td key={date} data-testid={`day-${date}`} title={notes.length ? t('calendar.dayDetails', { date, items: notes.join('、') }) : undefined}>
                    <div className={classes} aria-label={notes.length ? t('calendar.dayDetails', { date, items: notes.join('、') }) : undefined}>
                      <span className="ql-cal-num">{day}</span>
                      {m?.dayOff && <span className="ql-cal-badge">{t('calendar.dayOff')}</span>}
                      {m?.workday && <span className="ql-cal-badge">{t('calendar.workday')}</span>}
                      {m?.festivals.map((f) => (
                        <span key={f} className="ql-cal-festival">
                          {f}
                        </span>
                      ))}
                      {m?.custom.map((c) => (
                        <span key={c} className="ql-cal-custom">
                          {c}
                        </span>
                      ))}
                    </div>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

interface CustomDateForm {
  name: string;
  date: Dayjs;
  yearly: boolean;
  unitId: string;
}

function CustomDates({ calendar, onChanged }: { calendar: Calendar; onChanged(): void }) {
  const { t } = useTranslation('admin');
  const { me } = useAuth();
  const { message } = App.useApp();
  const { directory: units, loading: unitsLoading } = useUnitDirectory();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CustomDateForm>();
  const [formError, setFormError] = useState<string | null>(null);
  const [add, adding] = useMutation(AddCustomDateDocument);
  const [remove] = useMutation(RemoveCustomDateDocument);

  const submit = async () => {
    setFormError(null);
    let values: CustomDateForm;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    try {
      await add({ variables: { input: { name: values.name.trim(), date: values.date.format('YYYY-MM-DD'), yearly: values.yearly, unitId: values.unitId } } });
      message.success(t('calendar.added'));
      setOpen(false);
      form.resetFields();
      onChanged();
    } catch (error) {
      setFormError(showFieldErrors(form, error, t));
    }
  };

  const doRemove = async (id: string) => {
    try {
      await remove({ variables: { id } });
      message.success(t('calendar.removed'));
      onChanged();
    } catch (error) {
      message.error(problemText(apiProblem(error), t));
    }
  };

  type Row = Calendar['customDates'][number];
  return (
    <Card
      size="small"
      title={t('calendar.customTitle')}
      extra={
        <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
          {t('calendar.add')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('calendar.customIntro')}</Typography.Paragraph>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey={(r) => r.customDate.id}
        dataSource={calendar.customDates}
        scroll={{ x: 480 }}
        data-testid="custom-dates"
        locale={{ emptyText: <EmptyState description={t('calendar.customNone', { year: calendar.year })} /> }}
        columns={[
          { title: t('calendar.columns.date'), key: 'date', width: 110, render: (_, r) => r.date },
          { title: t('calendar.columns.name'), key: 'name', render: (_, r) => r.customDate.name },
          { title: t('calendar.columns.repeat'), key: 'repeat', width: 80, render: (_, r) => (r.customDate.yearly ? <Tag color="blue">{t('calendar.yearly')}</Tag> : <Tag>{t('calendar.once')}</Tag>) },
          { title: t('calendar.columns.unit'), key: 'unit', render: (_, r) => units?.byId.get(r.customDate.unitId)?.name ?? '—' },
          {
            title: t('calendar.columns.actions'),
            key: 'actions',
            width: 80,
            render: (_, r) =>
              units?.byId.has(r.customDate.unitId) ? (
                <Popconfirm title={t('calendar.removeConfirm', { name: r.customDate.name })} onConfirm={() => doRemove(r.customDate.id)} okButtonProps={{ danger: true }}>
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('calendar.removeLabel', { name: r.customDate.name })} />
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('calendar.addTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okText={t('calendar.add')}
        confirmLoading={adding.loading}
        forceRender
      >
        <Form form={form} layout="vertical" initialValues={{ yearly: false, unitId: me?.unit.id }} name="custom-date">
          <Form.Item name="name" label={t('calendar.name')} rules={[{ required: true, whitespace: true, message: t('calendar.nameRequired') }, { max: 100, message: t('calendar.nameTooLong') }]}>
            <Input placeholder={t('calendar.namePlaceholder')} maxLength={100} />
          </Form.Item>
          <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('calendar.dateRequired') }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="yearly" label={t('calendar.yearly')} valuePropName="checked" extra={t('calendar.yearlyHelp')}>
            <Switch />
          </Form.Item>
          <Form.Item name="unitId" label={t('calendar.unit')}>
            <TreeSelect treeData={units?.tree ?? []} loading={unitsLoading} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} />
          </Form.Item>
          {formError && <Alert type="error" showIcon title={formError} />}
        </Form>
      </Modal>
    </Card>
  );
}
