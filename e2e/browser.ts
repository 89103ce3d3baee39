/**
 * Launches headless Chromium (playwright-core, the system browser) for the end-to-end tests, with a fresh
 * temporary profile. Every request that does not go to the local test server is aborted and recorded, so
 * a test can prove that nothing loads from outside. Console errors and uncaught page errors are collected.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, beforeEach, expect } from 'vitest';
import { chromiumArgs } from './chromium.ts';

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Text of every `console.error` message (including failed resource loads), with its location. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions thrown in a page. */
  readonly pageErrors: string[];
  /** URLs of requests that were aborted because they did not go to 127.0.0.1. */
  readonly blockedRequests: string[];
  /** Closes the browser and removes the temporary profile. Safe to call more than once. */
  close(): Promise<void>;
}

function isLocal(url: string): boolean {
  try {
    return new URL(url).hostname === '127.0.0.1';
  } catch {
    return false;
  }
}

function watchPage(page: Page, consoleErrors: string[], pageErrors: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    consoleErrors.push(url ? `${message.text()} (${url}:${lineNumber})` : message.text());
  });
  page.on('pageerror', (error) => {
    pageErrors.push(`${error.name}: ${error.message} (${page.url()})`);
  });
}

export interface LaunchOptions {
  /** Run pages without JavaScript, as some readers do. */
  readonly javaScriptEnabled?: boolean;
  /** A phone: a touch screen, a mobile viewport (390 × 844) and taps instead of clicks. */
  readonly touch?: boolean;
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'evidence-atlas-e2e-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env['CHROME_PATH'] || '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
      viewport: options.touch ? { width: 390, height: 844 } : { width: 1280, height: 800 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 5 });
    throw error;
  }

  const consoleErrors: string[] = [];
  const pageErrors: string[] = [];
  const blockedRequests: string[] = [];

  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) {
      await route.continue();
    } else {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  for (const existing of context.pages()) watchPage(existing, consoleErrors, pageErrors);
  context.on('page', (page) => watchPage(page, consoleErrors, pageErrors));

  const page = context.pages()[0] ?? (await context.newPage());

  let closed = false;
  return {
    context,
    page,
    consoleErrors,
    pageErrors,
    blockedRequests,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await context.close();
      } finally {
        await rm(userDataDir, { recursive: true, force: true, maxRetries: 5 });
      }
    },
  };
}

/**
 * A fresh browser for each test of the calling suite, closed after it, and each test checked for
 * console errors, page errors and requests that left the machine. Read `.current` in a test.
 */
export function useBrowserSession(): { readonly current: BrowserSession } {
  const holder: { current?: BrowserSession } = {};
  beforeEach(async () => {
    holder.current = await launchBrowser();
  });
  afterEach(async () => {
    const session = holder.current;
    if (!session) return;
    expect(session.consoleErrors).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(session.blockedRequests).toEqual([]);
    await session.close();
  });
  return {
    get current() {
      if (!holder.current) throw new Error('no browser session outside a test');
      return holder.current;
    },
  };
}
