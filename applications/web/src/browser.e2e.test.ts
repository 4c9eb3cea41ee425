import { mkdir, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { startTestSuite, type TestSuite } from '@causeway/gateway/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Debian's chromium, never a downloaded browser; flags keep it quiet and offline apart from the gateway.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = fileURLToPath(new URL('../../../test-results/web/', import.meta.url));
// Auto-waiting assertions poll up to this long: robust on a loaded CI machine, not a performance claim.
const WAIT = 10_000;

let suite: TestSuite;
let browser: Browser;
beforeAll(async () => {
  [suite, browser] = await Promise.all([startTestSuite(), chromium.launch({ executablePath: CHROMIUM, args: ARGS })]);
  await mkdir(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await suite?.stop();
});

/** A user in a browser context of their own (own sessionStorage, own socket), registered through the page. */
async function userPage(name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 1300 } });
  // Every action waits at most this long, so a missing element fails the test with its name instead of hanging it.
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error));
  await page.goto(suite.url);
  await page.getByLabel('Email', { exact: true }).first().fill(`${name.toLowerCase()}.${randomUUID()}@example.com`);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password (at least 8 characters)').fill('correct horse battery');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect.poll(() => page.locator('#whoami').textContent(), { timeout: 30_000 }).toBe(`Signed in as ${name}`);
  await expect.poll(() => page.locator('#connection').textContent(), { timeout: WAIT }).toBe('Live');
  return page;
}

const text = (page: Page, selector: string) => () => page.locator(selector).textContent();
/** The steps the log shows for the user's commands of this kind (by their name in words), without their times and views. */
const logSteps = (page: Page, command: string) =>
  page
    .locator('#log > li', { has: page.locator('.command-name', { hasText: command }) })
    .locator('.step-label')
    .allTextContents();

async function deposit(page: Page, euros: string): Promise<void> {
  await page.getByLabel('Amount to deposit (EUR)').fill(euros);
  await page.getByRole('button', { name: 'Deposit' }).click();
}

/** Opens an auction through the page's form; resolves with its id once the page shows it. */
async function openAuction(page: Page, title: string): Promise<string> {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Starting price (EUR)').fill('10');
  await page.getByLabel('Minimum increment (EUR)').fill('1');
  await page.getByRole('button', { name: 'Open auction' }).click();
  await expect.poll(text(page, '#auction-title'), { timeout: WAIT }).toBe(title);
  return /#\/auction\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
}

async function bid(page: Page, euros: string): Promise<void> {
  await page.getByLabel('Your bid (EUR)').fill(euros);
  await page.getByRole('button', { name: 'Bid', exact: true }).click();
}

/** What the closing schedule does when an auction is due (the test suite runs no schedule): a system CloseAuction. */
async function closeAuction(auctionId: string): Promise<void> {
  await suite.store.append(`auction:command-${auctionId}`, [{ id: randomUUID(), type: 'CloseAuction', data: { auctionId } }]);
}

/** Opens an auction's panel by its link, as a shared URL would. */
async function visit(page: Page, auctionId: string, title: string): Promise<void> {
  await page.evaluate((id) => (location.hash = `#/auction/${id}`), auctionId);
  await expect.poll(text(page, '#auction-title'), { timeout: WAIT }).toBe(title);
}

const notices = (page: Page) => page.locator('#notices li').allTextContents();
const boardTitles = (page: Page) => page.locator('#board tbody a').allTextContents();

describe('the web page in Chromium', () => {
  it('two users watch one auction: one bids, the other sees the new highest bid live', async () => {
    const [seller, bidder] = await Promise.all([userPage('Seller'), userPage('Bidder')]);

    // Every field has a label (getByLabel below finds them by it); the deposit goes by keyboard alone.
    expect(
      await bidder.evaluate(() => [...document.querySelectorAll('input, textarea')].filter((e) => !(e as HTMLInputElement).labels?.length).map((e) => e.id)),
    ).toEqual([]);
    await bidder.getByLabel('Amount to deposit (EUR)').fill('100');
    await bidder.getByLabel('Amount to deposit (EUR)').press('Enter');
    await expect.poll(text(bidder, '#funds'), { timeout: WAIT }).toContain('€100.00 available');

    await seller.getByLabel('Title').fill('Brass telescope, 1890s');
    await seller.getByLabel('Description of the lot').fill('Working order; original case.');
    await seller.getByLabel('Starting price (EUR)').fill('10');
    await seller.getByLabel('Minimum increment (EUR)').fill('1');
    await seller.getByRole('button', { name: 'Open auction' }).click();
    await expect.poll(() => seller.url(), { timeout: WAIT }).toMatch(/#\/auction\/[0-9a-f-]{36}$/);
    await expect.poll(text(seller, '#auction-title'), { timeout: WAIT }).toBe('Brass telescope, 1890s');
    await expect.poll(text(seller, '#auction-highest'), { timeout: WAIT }).toBe('No bids yet');
    expect(await seller.locator('#bid-hint').textContent()).toBe('This is your auction: others bid on it.');

    // The bidder finds it on the board (loaded before it opened, so refreshed) and opens it by its link.
    await bidder.getByRole('button', { name: 'Refresh the board' }).click();
    await bidder.getByRole('link', { name: 'Brass telescope, 1890s' }).click();
    await expect.poll(text(bidder, '#auction-next'), { timeout: WAIT }).toBe('€10.00');

    // Measured in the seller's page: the moment its highest-bid line changes, against the bidder's click.
    const seen = seller.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const target = document.getElementById('auction-highest');
          if (!target) return;
          new MutationObserver(() => {
            if (target.textContent?.includes('€12.00')) resolve(Date.now());
          }).observe(target, { childList: true, characterData: true, subtree: true });
        }),
    );
    await bidder.getByLabel('Your bid (EUR)').fill('12');
    const clicked = Date.now();
    await bidder.getByRole('button', { name: 'Bid' }).click();

    await expect.poll(text(seller, '#auction-highest'), { timeout: WAIT }).toMatch(/^€12\.00 by bidder [0-9a-f]{8}$/);
    const latencyMs = (await seen) - clicked;
    await expect.poll(text(bidder, '#auction-highest'), { timeout: WAIT }).toBe('€12.00 by you');
    await expect.poll(text(bidder, '#bid-status'), { timeout: WAIT }).toBe('Your bid of €12.00 was placed.');
    await expect.poll(text(bidder, '#funds'), { timeout: WAIT }).toContain('€88.00 available (€12.00 reserved for bids)');
    await expect
      .poll(() => seller.locator('#bids li').allTextContents(), { timeout: WAIT })
      .toEqual([expect.stringMatching(/^€12\.00 by bidder [0-9a-f]{8} · leading · /)]);

    // Each user's log shows their own commands' lifecycle, step by step in words and in the order it happened
    // (the pushes arrive out of that order: a bid's projection can come after the saga's end), and nobody else's.
    await expect.poll(() => logSteps(bidder, 'Submit bid'), { timeout: WAIT }).toEqual(['Submit bid sent', 'Funds reserved', 'Bid placed', 'Done']);
    await expect.poll(() => logSteps(bidder, 'Deposit funds'), { timeout: WAIT }).toEqual(['Deposit funds sent', 'Funds deposited']);
    await expect.poll(() => logSteps(seller, 'Open auction'), { timeout: WAIT }).toEqual(['Open auction sent', 'Auction opened']);
    expect(await logSteps(seller, 'Create document')).toEqual(['Create document sent', 'Document created']);
    expect(await logSteps(seller, 'Submit bid')).toEqual([]);
    expect(await logSteps(seller, 'Deposit funds')).toEqual([]);
    expect((await bidder.locator('#log').innerText()).match(/SUCCEEDED|ENQUEUED|PROJECTION_UPDATED/)).toBeNull();

    // A link to an auction that does not exist says so, shows none of the last auction's facts and no bid form.
    await bidder.evaluate((id) => (location.hash = `#/auction/${id}`), randomUUID());
    await expect.poll(text(bidder, '#auction-title'), { timeout: WAIT }).toBe('There is no such auction.');
    expect(await bidder.locator('#auction-highest').textContent()).toBe('');
    expect(await bidder.locator('#bids li').count()).toBe(0);
    expect(await bidder.locator('#bid-form').isHidden()).toBe(true);
    await bidder.goBack();
    await expect.poll(text(bidder, '#auction-title'), { timeout: WAIT }).toBe('Brass telescope, 1890s');

    await seller.screenshot({ path: `${ARTIFACTS}seller.png`, fullPage: true });
    await bidder.screenshot({ path: `${ARTIFACTS}bidder.png`, fullPage: true });
    await writeFile(`${ARTIFACTS}bid-latency.json`, `${JSON.stringify({ latencyMs, measured: 'bidder click → seller page shows the bid' })}\n`);
    console.log(`web: bid visible on the other user's page ${latencyMs} ms after the click`);
  });

  it('an auction that closes leaves the open list live and shows its result, not a bid form', async () => {
    const [seller, ann] = await Promise.all([userPage('Seller'), userPage('Ann')]);
    const auctionId = await openAuction(seller, 'Oak chest');
    await ann.getByRole('button', { name: 'Refresh the board' }).click();
    await expect.poll(() => boardTitles(ann), { timeout: WAIT }).toContain('Oak chest');
    await expect.poll(() => boardTitles(seller), { timeout: WAIT }).toContain('Oak chest');
    await deposit(ann, '50');
    await expect.poll(text(ann, '#funds'), { timeout: WAIT }).toContain('€50.00 available');
    await ann.getByRole('link', { name: 'Oak chest' }).click();
    await expect.poll(text(ann, '#auction-next'), { timeout: WAIT }).toBe('€10.00');
    await bid(ann, '12');
    await expect.poll(text(ann, '#bid-status'), { timeout: WAIT }).toBe('Your bid of €12.00 was placed.');

    await closeAuction(auctionId);
    // Without a reload or a refresh: the watch delivers the closed document and the row goes.
    await expect.poll(() => boardTitles(ann), { timeout: WAIT }).not.toContain('Oak chest');
    await expect.poll(() => boardTitles(seller), { timeout: WAIT }).not.toContain('Oak chest');

    // The closed auction's panel shows its result, and nothing to bid with: no minimum, no form.
    const facts = (page: Page) => () => page.locator('#auction .facts').innerText();
    await expect.poll(text(ann, '#auction-status'), { timeout: WAIT }).toBe('closed');
    await expect.poll(text(ann, '#auction-result'), { timeout: WAIT }).toBe('Sold to you for €12.00');
    expect(await facts(ann)()).not.toContain('Next bid at least');
    expect(await ann.locator('#bid-form').isHidden()).toBe(true);
    await expect.poll(text(seller, '#auction-result'), { timeout: WAIT }).toMatch(/^Sold for €12\.00 to bidder [0-9a-f]{8}$/);
    expect(await facts(seller)()).not.toContain('Next bid at least');
  });

  it('tells each user in words what happened to them: outbid, won, sold, closed without bids', async () => {
    const [seller, ann, ben] = await Promise.all([userPage('Seller'), userPage('Ann'), userPage('Ben')]);
    const chest = await openAuction(seller, 'Walnut chest');
    await Promise.all([deposit(ann, '50'), deposit(ben, '50')]);
    await expect.poll(text(ann, '#funds'), { timeout: WAIT }).toContain('€50.00 available');
    await expect.poll(text(ben, '#funds'), { timeout: WAIT }).toContain('€50.00 available');
    await visit(ann, chest, 'Walnut chest');
    await bid(ann, '12');
    await expect.poll(text(ann, '#bid-status'), { timeout: WAIT }).toBe('Your bid of €12.00 was placed.');
    await visit(ben, chest, 'Walnut chest');
    await expect.poll(text(ben, '#auction-next'), { timeout: WAIT }).toBe('€13.00');
    await bid(ben, '15');
    await expect.poll(text(ben, '#bid-status'), { timeout: WAIT }).toBe('Your bid of €15.00 was placed.');

    await expect
      .poll(() => notices(ann), { timeout: WAIT })
      .toEqual([expect.stringContaining('You were outbid on Walnut chest: the highest bid is now €15.00.')]);
    expect(await notices(ben)).toEqual([]);

    await closeAuction(chest);
    await expect.poll(() => notices(ben), { timeout: WAIT }).toEqual([expect.stringContaining('You won Walnut chest for €15.00.')]);
    await expect.poll(() => notices(seller), { timeout: WAIT }).toEqual([expect.stringContaining('Walnut chest sold for €15.00.')]);
    expect(await notices(ann)).toEqual([expect.stringContaining('You were outbid on Walnut chest')]);

    // The seller's next lot finds no bidder; the newest notice comes first.
    const jug = await openAuction(seller, 'Pewter jug');
    await closeAuction(jug);
    await expect
      .poll(() => notices(seller), { timeout: WAIT })
      .toEqual([expect.stringContaining('Pewter jug closed without bids.'), expect.stringContaining('Walnut chest sold for €15.00.')]);

    // Ben's bid released Ann's funds (the settlement policy, on his bid's chain): her money is not in his log.
    await expect.poll(text(ann, '#funds'), { timeout: WAIT }).toContain('€50.00 available');
    expect(await logSteps(ben, 'Submit bid')).toEqual(['Submit bid sent', 'Funds reserved', 'Bid placed', 'Done']);
    expect(await logSteps(ann, 'Submit bid')).toEqual(['Submit bid sent', 'Funds reserved', 'Bid placed', 'Done']);
  });

  it('a refused bid says why: not enough funds, or someone else bid first', async () => {
    const [seller, ann, ben] = await Promise.all([userPage('Seller'), userPage('Ann'), userPage('Ben')]);
    const spoon = await openAuction(seller, 'Silver spoon');
    await Promise.all([deposit(ann, '50'), deposit(ben, '20')]);
    await expect.poll(text(ann, '#funds'), { timeout: WAIT }).toContain('€50.00 available');
    await expect.poll(text(ben, '#funds'), { timeout: WAIT }).toContain('€20.00 available');
    await visit(ann, spoon, 'Silver spoon');
    await bid(ann, '12');
    await expect.poll(text(ann, '#bid-status'), { timeout: WAIT }).toBe('Your bid of €12.00 was placed.');

    // The wallet refuses the reservation.
    await visit(ben, spoon, 'Silver spoon');
    await expect.poll(text(ben, '#auction-next'), { timeout: WAIT }).toBe('€13.00');
    await bid(ben, '25');
    await expect
      .poll(text(ben, '#bid-status'), { timeout: WAIT })
      .toBe('Your bid of €25.00 was not placed: you do not have enough funds (€20.00 available). Deposit more, or bid less.');

    // A race: Ben bids the minimum his page shows while Cleo's higher bid is already on its way to the auction
    // (the auctions component is paused so the two bids reach it in that order, Cleo's first).
    const cleo = await suite.register();
    const send = (type: string, data: unknown) =>
      fetch(`${suite.url}/commands/${type}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${cleo.token}` },
        body: JSON.stringify(data),
      });
    const placeBids = async () => (await suite.read(`auction:command-${spoon}`)).filter((m) => m.type === 'PlaceBid').length;
    const before = await placeBids();
    await suite.pause('component:auctions');
    expect((await send('DepositFunds', { walletId: cleo.userId, amount: 5000, currency: 'EUR' })).status).toBe(202);
    const cleoBid = { auctionId: spoon, bidId: randomUUID(), bidderId: cleo.userId, walletId: cleo.userId, amount: 1500, currency: 'EUR' };
    expect((await send('SubmitBid', cleoBid)).status).toBe(202);
    await expect.poll(placeBids, { timeout: WAIT }).toBe(before + 1);
    await bid(ben, '13');
    await expect.poll(placeBids, { timeout: WAIT }).toBe(before + 2);
    await suite.resume('component:auctions');
    await expect
      .poll(text(ben, '#bid-status'), { timeout: WAIT })
      .toBe('Your bid of €13.00 was not placed: someone else bid first. The next bid must be at least €16.00.');
  });
});
