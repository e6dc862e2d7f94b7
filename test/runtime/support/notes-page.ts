/**
 * The page contract the runtime scenarios drive (the fixture's page follows it; a page written for a
 * generated app must too): `[data-testid=status]` reads `loaded` once the list query succeeded,
 * `[data-testid=notes] li` are the notes, `[data-testid=text]` + `[data-testid=create]` create one.
 */
import type { Tab } from './browser.js';

export async function waitForLoaded(tab: Tab): Promise<void> {
  await tab.page.getByTestId('status').filter({ hasText: 'loaded' }).waitFor({ timeout: 10_000 });
}

export async function noteTexts(tab: Tab): Promise<string[]> {
  return tab.page.getByTestId('notes').locator('li').allTextContents();
}

/** Types `text`, clicks create, and resolves when the mutation's response arrived (`Date.now()` then). */
export async function createNote(tab: Tab, text: string): Promise<number> {
  await tab.page.getByTestId('text').fill(text);
  const [response] = await Promise.all([
    tab.page.waitForResponse((candidate) => candidate.request().method() === 'POST' && candidate.url().includes('/api/v1/')),
    tab.page.getByTestId('create').click(),
  ]);
  if (!response.ok()) throw new Error(`tab ${tab.label}: creating "${text}" answered ${response.status()}`);
  return Date.now();
}
