// The current route as a rune; parsing lives in routes.ts (plain, testable).
import { hrefFor, parseHash, type Route, type RouteName } from './routes';

export { hrefFor };
export type { Route, RouteName };

export class Router {
	route = $state.raw<Route>(parseHash(typeof location === 'undefined' ? '' : location.hash));

	start(): () => void {
		const update = () => (this.route = parseHash(location.hash));
		window.addEventListener('hashchange', update);
		return () => window.removeEventListener('hashchange', update);
	}

	go(name: RouteName, ...segments: string[]): void {
		location.hash = hrefFor(name, ...segments);
	}
}
