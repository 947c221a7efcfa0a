/**
 * A render error shows a message with a way back instead of a blank page. The topology lives in the
 * store and the autosave, outside the components, so nothing is lost.
 */
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { reloadFailedParts } from './deferred.tsx';

interface Props {
  children: ReactNode;
  /** Saves the current topology as a file, from outside the broken tree. */
  onSave: () => void;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('The designer hit a render error', error, info.componentStack);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>Something went wrong while drawing the page</h2>
        <p>{error.message}. Your topology and its autosave are intact: try again, or save the topology as a file first.</p>
        <div className="button-row">
          <button
            type="button"
            className="primary"
            onClick={() => {
              reloadFailedParts(); // a part whose code could not be loaded tries again
              this.setState({ error: null });
            }}
          >
            Try again
          </button>
          <button type="button" onClick={this.props.onSave}>
            Save topology.json
          </button>
        </div>
      </div>
    );
  }
}
