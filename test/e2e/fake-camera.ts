import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'uqr';

const WIDTH = 640;
const HEIGHT = 480;
const FRAMES = 3;

/**
 * A video file for Chromium's fake camera that shows `text` as a QR code (or, for null, a white
 * wall with no code), black on white: Y4M
 * (YUV4MPEG2, 4:2:0), grey only, so each frame is the Y plane with U and V at 128. Chromium
 * loops it. The QR code is drawn with uqr, as the personal page draws it.
 */
export function qrCodeVideo(text: string | null): { path: string; cleanup: () => void } {
  const { data } = text === null ? { data: [] } : encode(text, { border: 4 });
  const modulePixels = Math.floor((Math.min(WIDTH, HEIGHT) * 0.8) / Math.max(data.length, 1));
  if (text !== null && modulePixels < 2) throw new Error(`the QR code for ${text.length} characters is too big for ${WIDTH}×${HEIGHT}`);
  const left = Math.floor((WIDTH - data.length * modulePixels) / 2);
  const top = Math.floor((HEIGHT - data.length * modulePixels) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < modulePixels; dy++) {
        const start = (top + y * modulePixels + dy) * WIDTH + left + x * modulePixels;
        luma.fill(16, start, start + modulePixels);
      }
    }),
  );
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  const dir = mkdtempSync(join(tmpdir(), 'ringstuga-camera-'));
  const path = join(dir, 'qr.y4m');
  writeFileSync(path, Buffer.concat([header, ...Array<Buffer>(FRAMES).fill(frame)]));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Chromium's flags for a camera that plays `videoPath`, allowed without asking. */
export function fakeCameraArgs(videoPath: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${videoPath}`];
}
