import type { Browser } from 'playwright-core';

/**
 * Counts the pixels of a PNG screenshot near each of the given colours (within a distance that
 * takes in anti-aliased edges of a 2-px line, not a neighbouring palette colour). The PNG is
 * decoded by Chromium itself (an image drawn onto a canvas), so no PNG decoder is needed here.
 */
export async function colourPixels<Name extends string>(
  browser: Browser,
  png: Buffer,
  colours: Readonly<Record<Name, readonly [number, number, number]>>,
  tolerance = 48,
): Promise<Record<Name, number>> {
  const page = await browser.newPage();
  try {
    // A string is evaluated as an expression, without an argument: the values go into the text.
    const argument = JSON.stringify({ png: png.toString('base64'), colours, tolerance });
    return await page.evaluate<Record<Name, number>>(`(${countSource})(${argument})`);
  } finally {
    await page.close();
  }
}

const countSource = `async ({ png, colours, tolerance }) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const counts = {};
  for (const name of Object.keys(colours)) counts[name] = 0;
  for (let i = 0; i < data.length; i += 4) {
    for (const [name, [r, g, b]] of Object.entries(colours)) {
      const distance = Math.hypot(data[i] - r, data[i + 1] - g, data[i + 2] - b);
      if (distance <= tolerance) counts[name]++;
    }
  }
  return counts;
}`;
