import { DownloadOutlined, FileTextOutlined, LeftOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Card, Col, Flex, Form, Input, Row, Segmented, Space, Spin, Statistic, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { graphql } from '../../../gql';
import type { ImportCadresMutation, ImportRowStatus } from '../../../gql/graphql';
import { CADRE_COLUMNS, checkHeader, downloadCsv, readCsvFile, type CadreField } from './csv';
import { passwordProblem } from './options';
import { useUnitDirectory, type UnitDirectory } from '../shared/units';
import { showFieldErrors } from '../../../components/errors';

const ImportDocument = graphql(`
  mutation ImportCadres($input: ImportCadresInput!) {
    importCadres(input: $input) {
      totalRows
      created
      updated
      unchanged
      failed
      rows {
        line
        status
        name
        login
        userId
        errors {
          field
          message
        }
      }
    }
  }
`);

type Report = ImportCadresMutation['importCadres'];
type ReportRow = Report['rows'][number];

interface Values {
  csv: string;
  initialPassword: string;
}

const STATUS_COLOR: Record<ImportRowStatus, string> = { CREATED: 'green', UPDATED: 'blue', UNCHANGED: 'default', FAILED: 'red' };

/** The name of a column in the file for a field the API names (`isLeading` → 领导干部). */
function columnName(field: string, t: TFunction): string {
  return CADRE_COLUMNS.some((c) => c.field === field) ? t(`import.columns.${field}.title`) : field === 'csv' ? t('import.wholeRow') : field;
}

/** Cadres from a CSV file: what the file must look like, an example to start from, and the API's report row by row. */
export function ImportPage() {
  const { t } = useTranslation('adminPeople');
  const units = useUnitDirectory();
  const [form] = Form.useForm<Values>();
  const [run, running] = useMutation(ImportDocument);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [rowsSent, setRowsSent] = useState(0);

  const submit = async (values: Values) => {
    setProblem(null);
    setReport(null);
    setRowsSent(checkHeader(values.csv)?.dataLines ?? 0);
    try {
      const res = await run({ variables: { input: { csv: values.csv, initialPassword: values.initialPassword } } });
      setReport(res.data!.importCadres);
    } catch (error) {
      setProblem(showFieldErrors(form, error, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/admin/users">
        <LeftOutlined /> {t('user.back')}
      </Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('import.intro')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {report && (
          <Col span={24}>
            <ImportReport report={report} />
          </Col>
        )}
        <Col xs={24} xl={10}>
          <Card title={t('import.fileTitle')}>
            {problem && <Alert type="error" showIcon title={t('import.refused')} description={problem} style={{ marginBottom: 16 }} role="alert" data-testid="import-error" />}
            <Form<Values> form={form} name="import" layout="vertical" onFinish={submit} initialValues={{ csv: '', initialPassword: '' }} onValuesChange={() => setProblem(null)}>
              <Form.Item
                name="csv"
                label={t('import.file')}
                required
                rules={[
                  {
                    validator: (_, v: string) => {
                      const problemText = headerProblem(v, t);
                      return problemText ? Promise.reject(new Error(problemText)) : Promise.resolve();
                    },
                  },
                ]}
              >
                <CsvInput />
              </Form.Item>
              <Form.Item
                name="initialPassword"
                label={t('fields.initialPassword')}
                extra={t('import.passwordHint')}
                rules={[
                  { required: true, message: t('import.passwordRequired') },
                  { validator: (_, v: string) => (!v || !passwordProblem(v) ? Promise.resolve() : Promise.reject(new Error(t(`validation.password.${passwordProblem(v)}`)))) },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              {running.loading && (
                <Alert
                  type="info"
                  showIcon
                  icon={<Spin size="small" />}
                  title={t('import.running', { count: rowsSent })}
                  description={t('import.runningHint')}
                  style={{ marginBottom: 16 }}
                  role="status"
                />
              )}
              <Button type="primary" htmlType="submit" icon={<UploadOutlined />} loading={running.loading}>
                {t('import.start')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <ColumnsHelp directory={units.directory} />
        </Col>
      </Row>
    </Space>
  );
}

/** The same header checks as the API (and a file with no data rows), in the user's words. */
function headerProblem(text: string | undefined, t: TFunction): string | null {
  if (!text || !text.trim()) return t('import.fileRequired');
  const check = checkHeader(text);
  if (!check) return t('import.fileRequired');
  if (check.unknown.length) return t('import.check.unknown', { columns: check.unknown.join('、') });
  if (check.duplicated.length) return t('import.check.duplicated', { column: columnName(check.duplicated[0], t) });
  if (check.missing.length) return t('import.check.missing', { columns: check.missing.map((f) => columnName(f, t)).join('、') });
  if (check.needsLogin) return t('import.check.needsLogin');
  if (check.dataLines === 0) return t('import.check.noRows');
  return null;
}

/** Choose a file (UTF-8 or GBK) or paste the text; the form holds the text either way. */
function CsvInput({ value, onChange, id }: { value?: string; onChange?: (v: string) => void; id?: string }) {
  const { t } = useTranslation('adminPeople');
  const [mode, setMode] = useState<'file' | 'paste'>('file');
  const [file, setFile] = useState<{ name: string; size: number; encoding: string } | null>(null);
  const check = value ? checkHeader(value) : null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={mode}
        onChange={(m) => setMode(m as 'file' | 'paste')}
        options={[
          { value: 'file', label: t('import.modeFile') },
          { value: 'paste', label: t('import.modePaste') },
        ]}
      />
      {mode === 'file' ? (
        <>
          <Upload
            accept=".csv,text/csv,text/plain"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(chosen) => {
              void readCsvFile(chosen).then(({ text, encoding }) => {
                setFile({ name: chosen.name, size: chosen.size, encoding });
                onChange?.(text);
              });
              return false;
            }}
          >
            <Button id={id} icon={<FileTextOutlined />}>
              {file ? t('import.chooseAnother') : t('import.choose')}
            </Button>
          </Upload>
          {file && (
            <Typography.Text data-testid="import-file">
              {t('import.chosen', { name: file.name, size: Math.max(1, Math.round(file.size / 1024)), encoding: file.encoding })}
              {check ? t('import.lines', { count: check.dataLines }) : ''}
            </Typography.Text>
          )}
        </>
      ) : (
        <Input.TextArea
          id={id}
          value={value}
          onChange={(e) => {
            setFile(null);
            onChange?.(e.target.value);
          }}
          rows={8}
          placeholder={t('import.pastePlaceholder')}
          aria-label={t('import.pasteLabel')}
          style={{ fontFamily: 'monospace' }}
        />
      )}
    </Space>
  );
}

/** The columns, what each takes, and an example file made from the administrator's own units. */
function ColumnsHelp({ directory }: { directory: UnitDirectory | undefined }) {
  const { t } = useTranslation('adminPeople');
  const example = useMemo(() => exampleUnits(directory), [directory]);

  const download = () => {
    const header = CADRE_COLUMNS.map((c) => c.headers[0]);
    const [a, b] = example;
    downloadCsv(t('import.exampleFile'), [
      header,
      ['张明', '13800138000', '', a, '在职', '否', '科员', '2021-07-01', '', '', ''],
      ['李红', '', 'lihong@example.gov.cn', b, '新任职', '是', '正科级', '2025-03-15', '王强', '13900139000', ''],
    ]);
  };

  return (
    <Card
      title={t('import.helpTitle')}
      extra={
        <Button icon={<DownloadOutlined />} onClick={download} disabled={!directory} data-testid="download-example">
          {t('import.example')}
        </Button>
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="field"
        scroll={{ x: 420 }}
        dataSource={CADRE_COLUMNS.map((c) => ({ field: c.field, headers: c.headers, required: c.required }))}
        columns={[
          {
            title: t('import.colHeader'),
            key: 'h',
            width: 110,
            render: (_, c) => (
              <>
                <Typography.Text strong>{c.headers[0]}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-label={`${t('import.colAliases')} ${c.headers.slice(1).join(', ')}`}>
                  {c.headers.slice(1).join(', ')}
                </Typography.Text>
              </>
            ),
          },
          { title: t('import.colRequired'), key: 'r', width: 90, render: (_, c) => (c.required ? <Tag color="red">{t('import.required')}</Tag> : c.field === 'phone' || c.field === 'email' ? <Tag color="orange">{t('import.oneOf')}</Tag> : t('import.optional')) },
          { title: t('import.colValues'), key: 'v', render: (_, c) => t(`import.columns.${c.field as CadreField}.values`) },
        ]}
      />
      <ul style={{ margin: '12px 0 0', paddingInlineStart: 20 }}>
        <li>{t('import.note.encoding')}</li>
        <li>{t('import.note.unit', { example: example[1] })}</li>
        <li>{t('import.note.update')}</li>
        <li>{t('import.note.rows')}</li>
      </ul>
    </Card>
  );
}

/** Two units of the administrator's tree for the example rows: a name, and a path from the unit above. */
function exampleUnits(directory: UnitDirectory | undefined): [string, string] {
  const top = directory?.tree[0];
  if (!top) return ['', ''];
  const child = top.children[0];
  const grandchild = child?.children[0];
  if (grandchild) return [child.title, `${child.title}/${grandchild.title}`];
  if (child) return [top.title, `${top.title}/${child.title}`];
  return [top.title, top.title];
}

type Filter = 'ALL' | ImportRowStatus;

/** The API's answer: counts, then every row (the bad ones with their line, column and reason). */
function ImportReport({ report }: { report: Report }) {
  const { t } = useTranslation('adminPeople');
  const [filter, setFilter] = useState<Filter>(report.failed > 0 ? 'FAILED' : 'ALL');
  const rows = filter === 'ALL' ? report.rows : report.rows.filter((r) => r.status === filter);
  const card = useRef<HTMLDivElement>(null);
  useEffect(() => {
    card.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    card.current?.focus({ preventScroll: true });
  }, [report]);
  const count: Record<Filter, number> = { ALL: report.totalRows, CREATED: report.created, UPDATED: report.updated, UNCHANGED: report.unchanged, FAILED: report.failed };

  const columns: ColumnsType<ReportRow> = [
    { title: t('import.report.line'), dataIndex: 'line', key: 'line', width: 80, render: (line: number) => t('import.report.lineNo', { line }) },
    {
      title: t('fields.name'),
      key: 'name',
      render: (_, r) => (r.userId ? <Link to={`/admin/users/${r.userId}`}>{r.name}</Link> : (r.name ?? <Typography.Text type="secondary">{t('import.report.noName')}</Typography.Text>)),
    },
    { title: t('fields.login'), dataIndex: 'login', key: 'login', render: (v: string | null) => v ?? '' },
    { title: t('import.report.result'), key: 'status', width: 100, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{t(`import.status.${r.status}`)}</Tag> },
    {
      title: t('import.report.reason'),
      key: 'errors',
      render: (_, r) =>
        r.errors.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 16 }}>
            {r.errors.map((e, i) => (
              <li key={`${e.field}-${i}`}>
                <Typography.Text strong>{columnName(e.field, t)}</Typography.Text>：{e.message}
              </li>
            ))}
          </ul>
        ) : null,
    },
  ];

  const downloadProblems = () => {
    const lines = report.rows.filter((r) => r.status === 'FAILED').flatMap((r) => r.errors.map((e) => [r.line, r.name ?? '', r.login ?? '', columnName(e.field, t), e.message]));
    downloadCsv(t('import.report.problemsFile'), [[t('import.report.line'), t('fields.name'), t('fields.login'), t('import.report.column'), t('import.report.reason')], ...lines]);
  };

  return (
    <Card title={t('import.report.title')} data-testid="import-report" ref={card} tabIndex={-1} aria-live="polite">
      <Row gutter={[16, 16]}>
        {(['ALL', 'CREATED', 'UPDATED', 'UNCHANGED', 'FAILED'] as const).map((k) => (
          <Col xs={12} sm={8} md={4} key={k}>
            <Statistic title={t(`import.report.count.${k}`)} value={count[k]} styles={{ content: k === 'FAILED' && count[k] > 0 ? { color: '#cf1322' } : undefined }} />
          </Col>
        ))}
      </Row>
      <Alert
        style={{ margin: '16px 0' }}
        type={report.failed > 0 ? 'warning' : 'success'}
        showIcon
        title={report.failed > 0 ? t('import.report.someFailed', { count: report.failed }) : t('import.report.allGood', { count: report.totalRows })}
        description={report.failed > 0 ? t('import.report.fixAndRetry') : undefined}
        role={report.failed > 0 ? 'alert' : 'status'}
      />
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['ALL', 'FAILED', 'CREATED', 'UPDATED', 'UNCHANGED'] as const).map((k) => ({ value: k, label: `${t(`import.report.filter.${k}`)} ${count[k]}` }))}
        />
        {report.failed > 0 && (
          <Button icon={<DownloadOutlined />} onClick={downloadProblems}>
            {t('import.report.downloadProblems')}
          </Button>
        )}
      </Flex>
      <Table<ReportRow>
        size="small"
        rowKey="line"
        columns={columns}
        dataSource={rows}
        scroll={{ x: 720 }}
        pagination={{ defaultPageSize: 50, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => t('common:pager.total', { count: total, unit: t('common:pager.items') }) }}
        locale={{ emptyText: t('import.report.noneOfKind') }}
        data-testid="import-rows"
      />
    </Card>
  );
}
