/**
 * The slice of playwright-core's API the harness uses. playwright-core lives in the harness cache outside the
 * repository (it is not a project dependency), so its own typings are not visible to `tsc`.
 */
export interface Locator {
  waitFor(o?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  click(o?: { timeout?: number }): Promise<void>;
  fill(text: string): Promise<void>;
  selectOption(value: string): Promise<unknown>;
  press(key: string): Promise<void>;
  first(): Locator;
  nth(i: number): Locator;
  count(): Promise<number>;
  textContent(): Promise<string | null>;
  innerText(): Promise<string>;
  allTextContents(): Promise<string[]>;
  locator(selector: string, o?: { hasText?: string | RegExp }): Locator;
  screenshot(o: { path: string }): Promise<unknown>;
}
export interface FrameLocator {
  locator(selector: string, o?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
}
export interface Page {
  goto(url: string): Promise<unknown>;
  locator(selector: string, o?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: { press(key: string): Promise<void>; type(text: string): Promise<void> };
  screenshot(o: { path: string; fullPage?: boolean }): Promise<unknown>;
  setDefaultTimeout(ms: number): void;
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  waitForFunction(fn: string, arg?: unknown, o?: { timeout?: number }): Promise<unknown>;
  on(event: 'response', fn: (r: { url(): string; fromServiceWorker(): boolean }) => void): void;
  on(event: 'requestfailed', fn: (r: { url(): string }) => void): void;
}
export interface BrowserContext {
  pages(): Page[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}
export interface Browser {
  close(): Promise<void>;
}
