import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

const RELOADED = 'ql.chunkReload';

/**
 * A page loaded on first visit, so a cadre's phone downloads the study
 * centre and not the studio or the console. `name` is the page's export.
 *
 * When a new release has replaced the hashed file this page lives in, the
 * import fails; the app then reloads once to pick up the new index.html
 * instead of showing a broken page. A second failure is a real error and
 * reaches the error state.
 */
export function lazyPage<M extends Record<K, ComponentType>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(async () => {
    try {
      const module = await load();
      sessionStorage.removeItem(RELOADED);
      return { default: module[name] };
    } catch (error) {
      if (!sessionStorage.getItem(RELOADED)) {
        sessionStorage.setItem(RELOADED, '1');
        window.location.reload();
        return new Promise<never>(() => undefined);
      }
      throw error;
    }
  });
}
