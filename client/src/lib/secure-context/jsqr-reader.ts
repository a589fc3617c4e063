import jsQR from 'jsqr';

/** Reads one video frame: the QR code's text, or null when none is seen. */
export type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/** Frames are scaled down to this width before jsQR reads them: a held-up phone fills enough of it, and each read stays cheap. */
const MAX_FRAME_WIDTH = 640;

/**
 * jsQR on the frame drawn to a canvas, for browsers without BarcodeDetector. Its own module,
 * loaded only when a scan starts, so the station's first load does not carry the decoder.
 */
export function jsqrFrameReader(): FrameReader {
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
    return jsQR(context.getImageData(0, 0, width, height).data, width, height)?.data || null;
  };
}
