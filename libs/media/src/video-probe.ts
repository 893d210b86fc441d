import { Injectable } from '@nestjs/common';
import { AppConfig } from '@qinglian/config';
import { spawn } from 'node:child_process';

/** ffprobe/ffmpeg are not installed where the worker runs. */
export class ProbeUnavailableError extends Error {}

/** ffprobe could not read the file as a film (corrupt, or not a video at all). */
export class UnreadableVideoError extends Error {}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new ProbeUnavailableError(`${command} is not installed (Debian package ffmpeg)`) : error);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const firstLine = (text: string) => text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'no output';

/** Reads a film's duration with ffprobe and cuts a poster frame with ffmpeg. */
@Injectable()
export class VideoProbe {
  constructor(private readonly config: AppConfig) {}

  async duration(file: string): Promise<number> {
    const { code, stdout, stderr } = await run(
      this.config.get('FFPROBE_PATH'),
      ['-v', 'error', '-print_format', 'json', '-show_entries', 'format=duration:stream=codec_type', file],
      60_000,
    );
    if (code !== 0) throw new UnreadableVideoError(`ffprobe could not read the film: ${firstLine(stderr)}`);
    const parsed = JSON.parse(stdout) as { format?: { duration?: string }; streams?: { codec_type?: string }[] };
    if (!parsed.streams?.some((s) => s.codec_type === 'video')) throw new UnreadableVideoError('the file has no video stream');
    const seconds = Number(parsed.format?.duration);
    if (!Number.isFinite(seconds) || seconds <= 0) throw new UnreadableVideoError('ffprobe found no duration in the film');
    return Math.round(seconds * 1000) / 1000;
  }

  /** Writes a JPEG frame from 10% into the film (at most 5 s in) to `out`. */
  async poster(file: string, durationSeconds: number, out: string): Promise<void> {
    const at = Math.min(5, durationSeconds / 10).toFixed(3);
    const { code, stderr } = await run(
      this.config.get('FFMPEG_PATH'),
      ['-v', 'error', '-y', '-ss', at, '-i', file, '-frames:v', '1', '-vf', 'scale=640:-2', '-q:v', '4', '-f', 'image2', out],
      120_000,
    );
    if (code !== 0) throw new UnreadableVideoError(`ffmpeg could not cut a poster frame: ${firstLine(stderr)}`);
  }
}
