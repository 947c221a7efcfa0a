// @vitest-environment jsdom
/**
 * A part whose code loads after the page's (src/ui/deferred.tsx): its placeholder until the code is there, then the
 * part, with no placeholder once loaded; what is typed in it survives its load; a failed load reaches the error
 * boundary, whose "Try again" loads it again.
 */
import './dom.ts';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deferred, preloadSoon } from '../../src/ui/deferred.tsx';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

/** A load the test settles by hand. */
function manualLoad<T>() {
  const calls: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const load = () => new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  return { load, calls };
}

describe('a deferred part', () => {
  it('shows its placeholder until its code is there, then draws with its props', async () => {
    const { load, calls } = manualLoad<typeof Greeting>();
    const part = deferred(load, ({ name }) => <p>Loading {name}</p>);
    render(<part.View name="Ada" />);
    expect(screen.getByText('Loading Ada')).toBeTruthy();
    expect(calls).toHaveLength(1);
    await act(async () => calls[0]?.resolve(Greeting));
    expect(screen.getByText('Hello Ada')).toBeTruthy();
    expect(screen.queryByText('Loading Ada')).toBeNull();
  });

  it('once loaded (preload), draws in the first render, without its placeholder', async () => {
    const { load, calls } = manualLoad<typeof Greeting>();
    const part = deferred(load, () => <p>Loading</p>);
    const preloaded = part.preload();
    expect(calls).toHaveLength(1);
    calls[0]?.resolve(Greeting);
    await preloaded;
    render(<part.View name="Grace" />);
    expect(screen.getByText('Hello Grace')).toBeTruthy(); // synchronously: no placeholder was committed
    expect(calls).toHaveLength(1); // loaded once
  });

  it('keeps what is typed in a field drawn beside it while it loads, and keeps its own state once drawn', async () => {
    const { load, calls } = manualLoad<() => React.JSX.Element>();
    function Counter() {
      const [n, setN] = useState(0);
      return (
        <button type="button" onClick={() => setN(n + 1)}>
          Pressed {n}
        </button>
      );
    }
    const part = deferred(load, () => <p>Loading</p>);
    function Page() {
      const [text, setText] = useState('');
      return (
        <>
          <input aria-label="Name" value={text} onChange={(e) => setText(e.target.value)} />
          <part.View />
        </>
      );
    }
    render(<Page />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'abc');
    await act(async () => calls[0]?.resolve(Counter));
    await user.type(screen.getByLabelText('Name'), 'd');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('abcd');
    await user.click(screen.getByRole('button', { name: 'Pressed 0' }));
    await user.type(screen.getByLabelText('Name'), 'e'); // a render of the page around it: the part keeps its state
    expect(screen.getByRole('button', { name: 'Pressed 1' })).toBeTruthy();
  });

  it('a failed load reaches the error boundary, and "Try again" loads it again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    const { load, calls } = manualLoad<typeof Greeting>();
    const part = deferred(load, () => <p>Loading</p>);
    render(
      <ErrorBoundary onSave={() => undefined}>
        <part.View name="Lin" />
      </ErrorBoundary>,
    );
    await act(async () => calls[0]?.reject(new Error('Failed to fetch dynamically imported module')));
    expect(screen.getByRole('alert').textContent).toMatch(/Failed to fetch dynamically imported module/);
    expect(calls).toHaveLength(1); // no load again by itself
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('Loading')).toBeTruthy();
    expect(calls).toHaveLength(2);
    await act(async () => calls[1]?.resolve(Greeting));
    expect(screen.getByText('Hello Lin')).toBeTruthy();
  });

  it('preloadSoon starts the load in a later task, once, and a failed load is tried again when the part is drawn', async () => {
    vi.useFakeTimers();
    try {
      const { load, calls } = manualLoad<typeof Greeting>();
      const part = deferred(load, () => <p>Loading</p>);
      preloadSoon(part);
      expect(calls).toHaveLength(0); // not in the task that asked: the page's first task stays short
      await vi.runAllTimersAsync();
      expect(calls).toHaveLength(1);
      preloadSoon(part);
      await vi.runAllTimersAsync();
      expect(calls).toHaveLength(1); // already loading: not again
      // Rejected with no one waiting: no unhandled rejection, and the part, drawn, loads again.
      await act(async () => calls[0]?.reject(new Error('offline')));
      vi.useRealTimers();
      render(<part.View name="Kay" />);
      expect(calls).toHaveLength(2);
      await act(async () => calls[1]?.resolve(Greeting));
      expect(screen.getByText('Hello Kay')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });
});
