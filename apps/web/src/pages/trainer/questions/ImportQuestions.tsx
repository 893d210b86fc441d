import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Alert, Button, Form, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiProblem, problemText } from '../../../components/errors';
import { graphql } from '../../../gql';
import type { QuestionFileFormat, TrainerImportQuestionsMutation } from '../../../gql/graphql';
import { saveBlob } from '../../../lib/http';

const ImportQuestionsDocument = graphql(`
  mutation TrainerImportQuestions($input: ImportQuestionsInput!) {
    importQuestions(input: $input) {
      created
      failed
      rows {
        line
        status
        questionId
        problems {
          field
          message
        }
      }
    }
  }
`);

type Report = TrainerImportQuestionsMutation['importQuestions'];
type ReportRow = Report['rows'][number];

const TEMPLATE = [
  '题型,题干,选项A,选项B,选项C,选项D,答案,解析,科目,难度,标签,出处',
  '单选,党员干部收受可能影响公正执行公务的礼品，违反的是哪项纪律？,政治纪律,廉洁纪律,群众纪律,工作纪律,B,收受礼品礼金属于违反廉洁纪律。,党纪,2,廉洁纪律,《中国共产党纪律处分条例》',
  '多选,下列属于党的纪律处分种类的有？,警告,严重警告,罚款,开除党籍,ABD,党纪处分不包括罚款。,党纪,2,处分种类,《中国共产党纪律处分条例》',
  '判断,领导干部可以在节假日接受下属的宴请。,,,,,错,违反中央八项规定精神。,党风,1,八项规定,',
  '填空,党的纪律处分分为警告、严重警告、撤销党内职务、留党察看和____。,,,,,开除党籍,,党纪,2,,《中国共产党纪律处分条例》',
  '简答,简述“四种形态”的主要内容。,,,,,,,党纪,3,四种形态,',
].join('\r\n');

/** Reads a file as UTF-8, or as GB18030 when it is not valid UTF-8 (spreadsheets on Chinese Windows save CSV that way). */
async function readText(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Imports questions from CSV or JSON; good rows are kept and every bad row is reported with its line and problems. */
export function ImportQuestions({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation('trainer');
  const input = useRef<HTMLInputElement>(null);
  const [format, setFormat] = useState<QuestionFileFormat>('CSV');
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [run, running] = useMutation(ImportQuestionsDocument);
  const reportRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (report) reportRef.current?.scrollIntoView({ block: 'start' });
  }, [report]);

  const choose = async (file: File) => {
    setProblem(null);
    setReport(null);
    setFileName(file.name);
    if (/\.json$/i.test(file.name)) setFormat('JSON');
    else if (/\.(csv|txt)$/i.test(file.name)) setFormat('CSV');
    setContent(await readText(file));
  };

  const submit = async () => {
    setProblem(null);
    setReport(null);
    if (!content.trim()) {
      setProblem(t('import.empty'));
      return;
    }
    try {
      const res = await run({ variables: { input: { format, content } } });
      setReport(res.data!.importQuestions);
      if (res.data!.importQuestions.created > 0) onImported();
    } catch (e) {
      setProblem(problemText(apiProblem(e), t));
    }
  };

  const template = () => {
    saveBlob(new Blob([`\uFEFF${TEMPLATE}`], { type: 'text/csv;charset=utf-8' }), t('import.templateName'));
  };

  const bad = report?.rows.filter((r) => r.status !== 'CREATED') ?? [];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {report && (
        <div data-testid="import-report" role="status" aria-live="polite" ref={reportRef}>
          <Alert
            type={report.failed === 0 ? 'success' : report.created === 0 ? 'error' : 'warning'}
            showIcon
            title={t('import.summary', { created: report.created, failed: report.failed })}
            description={report.failed ? t('import.fixAndRetry') : undefined}
            style={{ marginBottom: 8 }}
          />
          {bad.length > 0 && (
            <Table<ReportRow>
              rowKey="line"
              size="small"
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              dataSource={bad}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 90, render: (l: number) => t(format === 'CSV' ? 'import.lineValue' : 'import.itemValue', { line: l }) },
                {
                  title: t('import.problems'),
                  key: 'problems',
                  render: (_, r) => (
                    <Space orientation="vertical" size={2}>
                      {r.problems.map((p) => (
                        <span key={`${p.field}-${p.message}`}>
                          <Tag color="red">{t(`import.fields.${p.field}`, { defaultValue: p.field })}</Tag>
                          {p.message}
                        </span>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          )}
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('import.hint')}
      </Typography.Paragraph>
      <Typography.Text code style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>
        题型,题干,选项A…选项H,答案,解析,科目,难度,标签,出处
      </Typography.Text>
      <Button icon={<DownloadOutlined />} onClick={template}>
        {t('import.template')}
      </Button>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('import.format')}>
          <Segmented<QuestionFileFormat> value={format} onChange={setFormat} options={[{ value: 'CSV', label: 'CSV' }, { value: 'JSON', label: 'JSON' }]} />
        </Form.Item>
        <Form.Item label={t('import.file')} extra={fileName ? t('import.chosen', { name: fileName }) : t('import.fileHint')}>
          <input
            ref={input}
            type="file"
            accept=".csv,.json,.txt,text/csv,application/json"
            aria-label={t('import.chooseFile')}
            data-testid="import-file-input"
            style={{ display: 'none' }}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void choose(file);
              e.target.value = '';
            }}
          />
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
            {t('import.chooseFile')}
          </Button>
        </Form.Item>
        <Form.Item label={t('import.content')}>
          <Input.TextArea
            value={content}
            onChange={(e) => {
              setContent(e.target.value);
              setReport(null);
            }}
            rows={8}
            style={{ fontFamily: 'monospace' }}
            placeholder={format === 'CSV' ? t('import.csvPlaceholder') : t('import.jsonPlaceholder')}
          />
        </Form.Item>
        {problem && <Alert type="error" showIcon title={t('import.refused')} description={problem} style={{ marginBottom: 16 }} role="alert" data-testid="import-problem" />}
        <Button type="primary" htmlType="submit" loading={running.loading}>
          {t('import.submit')}
        </Button>
      </Form>
    </Space>
  );
}
