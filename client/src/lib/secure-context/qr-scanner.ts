/**
 * Reads a QR code with the camera. The camera (getUserMedia) exists only in secure contexts
 * (HTTPS, or localhost): over a room's plain HTTP there is none, and callers offer a field to
 * paste the link instead, which always works. Frames are read by the browser's BarcodeDetector
 * where it has one (Chromium on Android, macOS, ChromeOS), and by jsQR, loaded only when a scan
 * starts, everywhere else (desktop Linux and Windows, Firefox, Safari).
 */

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

/** Reads one video frame: the QR code's text, or null when none is seen. */
type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

const SCAN_EVERY_MS = 250;
/** Frames are scaled down to this width before jsQR reads them: a held-up phone fills enough of it, and each read stays cheap. */
const MAX_FRAME_WIDTH = 640;

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

/** jsQR on the frame drawn to a canvas. */
async function scriptReader(): Promise<FrameReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D canvas to read the camera with');
  return async (video) => {
    if (video.videoWidth === 0 || video.videoHeight === 0) return null;
    const scale = Math.min(1, MAX_FRAME_WIDTH / video.videoWidth);
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const code = jsQR(context.getImageData(0, 0, width, height).data, width, height);
    return code?.data || null;
  };
}

/**
 * Shows the camera in `video` until a QR code is read (its text) or `signal` aborts (null). The
 * camera is always released. Throws when the camera is refused or missing.
 */
export async function scanQrCode(video: HTMLVideoElement, signal: AbortSignal): Promise<string | null> {
  if (!canScanQrCode()) throw new Error('QR scanning is not available here');
  // Loaded before the camera starts, so a slow download does not keep the camera on for nothing.
  const read = (await nativeReader()) ?? (await scriptReader());
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
