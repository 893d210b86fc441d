import { Component, Suspense, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { ErrorState, Loading } from './PageState';

interface State {
  error: unknown;
}

class Boundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  render() {
    if (this.state.error) return <ErrorState error={this.state.error} onRetry={() => window.location.reload()} />;
    return this.props.children;
  }
}

/**
 * Around every page: a skeleton while the page's code loads, and the shared
 * error state (with a retry) if the page fails to render, so a broken page
 * never blanks the whole app. Moving to another page clears the error.
 */
export function PageBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  return (
    <Boundary key={pathname}>
      <Suspense fallback={<Loading rows={8} />}>{children}</Suspense>
    </Boundary>
  );
}
