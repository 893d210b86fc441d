import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Makes a real H.264 MP4 test pattern with ffmpeg (Debian package ffmpeg; npm test installs it). */
export function makeTestVideo(dir: string, seconds: number, name = 'film.mp4'): string {
  const file = path.join(dir, name);
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=duration=${seconds}:size=160x120:rate=5`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    throw new Error(`ffmpeg could not make a test film (is the Debian package ffmpeg installed?): ${String(error)}`);
  }
  return file;
}

/** A small valid one-page PDF. */
export function makeTestPdf(dir: string, name = 'rules.pdf'): string {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}
