/**
 * Reads a QR code with the camera. The camera (getUserMedia) exists only in secure contexts
 * (HTTPS, or localhost): over a room's plain HTTP there is none, and callers offer a field to
 * paste the link instead, which always works. Frames are read by the browser's BarcodeDetector
 * where it has one (Chromium on Android, macOS, ChromeOS), and by jsQR (./jsqr-reader.ts, loaded
 * only when a scan starts) everywhere else (desktop Linux and Windows, Firefox, Safari).
 */

import type { FrameReader } from './jsqr-reader.ts';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?(): Promise<string[]>;
}

const SCAN_EVERY_MS = 250;

/** True when this page can scan a QR code with the camera. */
export function canScanQrCode(): boolean {
  return window.isSecureContext && typeof navigator.mediaDevices?.getUserMedia === 'function';
}

/** The browser's detector, when it has one that reads QR codes (some builds have the class and no formats). */
async function nativeReader(): Promise<FrameReader | null> {
  const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  const formats = (await Detector.getSupportedFormats?.().catch(() => [])) ?? ['qr_code'];
  if (!formats.includes('qr_code')) return null;
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue || null;
}

/**
 * Shows the camera in `video` until a QR code is read (its text) or `signal` aborts (null). The
 * camera is always released. Throws when the camera is refused or missing.
 */
export async function scanQrCode(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  if (!canScanQrCode()) throw new Error('QR scanning is not available here');
  // Loaded before the camera starts, so a slow download does not keep the camera on for nothing.
  const read = (await nativeReader()) ?? (await import('./jsqr-reader.ts')).jsqrFrameReader();
  if (signal.aborted) return null;
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
  try {
    video.srcObject = stream;
    await video.play();
    // Ends when a code is read or the caller aborts (the dialog closed, the page left).
    while (!signal.aborted) {
      const text = await read(video);
      if (text) return text;
      await new Promise((resolve) => setTimeout(resolve, SCAN_EVERY_MS));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
