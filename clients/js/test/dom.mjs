// A jsdom window for React's real renderer (react-dom/client), installed before React loads.
import { JSDOM, VirtualConsole } from 'jsdom';

/** How many times the page tried to leave (jsdom does not navigate; it reports each attempt). */
export const navigations = { count: 0 };
const virtualConsole = new VirtualConsole();
virtualConsole.on('jsdomError', (error) => {
  if (error.message.startsWith('Not implemented: navigation')) navigations.count++;
  else console.error(error);
});
export const dom = new JSDOM('<!doctype html><html><body></body></html>',
  { url: 'https://app.example.com/account', virtualConsole });
for (const name of ['window', 'document', 'navigator', 'HTMLElement', 'Node', 'Event', 'PageTransitionEvent']) {
  Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : dom.window[name], configurable: true, writable: true });
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const React = await import('react');
const { createRoot } = await import('react-dom/client');
export { React };

/** Renders `element` into a fresh container at `url`; `text()` is what the page shows, `rerender` and `unmount` as React's. */
export async function render(element, { url = 'https://app.example.com/account' } = {}) {
  dom.reconfigure({ url });
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await React.act(async () => root.render(element));
  return {
    container,
    text: () => container.textContent,
    rerender: (next) => React.act(async () => root.render(next)),
    unmount: async () => {
      await React.act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Lets React and pending promises run until `condition()` holds (at most 50 rounds), then returns. */
export async function until(condition, what = 'the condition') {
  for (let round = 0; round < 50; round++) {
    if (condition()) return;
    await React.act(() => new Promise((resolve) => setImmediate(resolve)));
  }
  throw new Error(`${what} did not happen`);
}
