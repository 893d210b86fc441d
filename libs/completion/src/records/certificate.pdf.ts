import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { CompletionRecordEntity } from './completion.entities';

/** CJK fonts looked for, in order (Debian packages fonts-wqy-zenhei, fonts-noto-cjk), with the PostScript name of the face in the collection. */
const FONT_CANDIDATES = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
];

export function cjkFont(): { path: string; family: string } | null {
  return FONT_CANDIDATES.find((f) => existsSync(f.path)) ?? null;
}

/** A one-page A4 certificate with the verification code and the address to check it. */
export function renderCertificate(input: { record: CompletionRecordEntity; name: string; unitName: string; verifyUrl: string }): Promise<Buffer> {
  const font = cjkFont();
  if (!font) throw new Error('no Chinese font installed for certificates (apt-get install fonts-wqy-zenhei)');
  const { record } = input;
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 72, info: { Title: `${record.year}年度廉政教育学习完成证明`, Author: '青莲廉政教育' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(font.path, font.family);
    doc.fontSize(26).text(`${record.year}年度廉政教育学习完成证明`, { align: 'center' }).moveDown(2);
    doc
      .fontSize(14)
      .text(`${input.name}（${input.unitName}）：`)
      .moveDown()
      .text(
        `已完成${record.year}年度廉政教育学习任务，共获得 ${record.earnedTotal} 学时（课程 ${record.earnedCourse}、测验 ${record.earnedQuiz}、学习考察 ${record.earnedTour}、结转 ${record.earnedCarry}），要求 ${record.requiredHours} 学时。`,
        { lineGap: 6 },
      )
      .moveDown()
      .text(`完成时间：${record.completedAt?.toISOString().slice(0, 10) ?? ''}`)
      .moveDown(3);
    doc.fontSize(11).text(`验证码：${record.certificateCode}`).text(`验证地址：${input.verifyUrl}`);
    doc.end();
  });
}
