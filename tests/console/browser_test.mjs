// The console in a real browser (issue 14's Playwright test): playwright-core drives Debian's
// chromium, headless, against the real gridbot on the test clock, finding everything by role and
// label as a person would. The desk signs in, sees a resident's ticket (written through the local
// platform) appear on the board, opens its timeline, assigns it, sees it on the overdue board
// after the clock moves past its deadlines, sends a notice that needs 收到 and watches the
// acknowledgement rate rise as residents reply, and exports the board as CSV. Also: a wrong
// password is refused with the console's sentence, a community user does not see another
// community's ticket (and is told why when opening it), and repeated failures get the 429 sentence.
// The charts' Chinese is drawn with a Chinese font, and the figures page is saved as
// console-figures.png (in GRIDBOT_SCREENSHOTS, else the working folder) for a person to look at.
//
// Exit 77 (ctest's SKIP_RETURN_CODE) only when chromium is not installed; anything else missing
// (playwright-core, the built console, the binary) fails with the reason.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Service, patience } from './service.mjs';

const chromiumPath = process.env.GRIDBOT_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`SKIP console_browser: ${chromiumPath} is not installed (./run test installs Debian's chromium); the console was not tested in a browser`);
  process.exit(77);
}
const binary = process.env.GRIDBOT_BINARY;
const sourceDir = process.env.GRIDBOT_SOURCE_DIR;
assert.ok(binary && sourceDir, 'GRIDBOT_BINARY and GRIDBOT_SOURCE_DIR must be set (ctest sets them)');
assert.ok(existsSync(join(sourceDir, 'web/console/dist/index.html')),
  'web/console/dist/index.html is missing: build the console first (./run build, or npm ci && npm run build in web/console)');
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  assert.fail('playwright-core is not installed: npm ci in tests/console (./run test does it)');
}

const t0 = 1794967200; // Wednesday 2026-11-18 10:00 in Beijing
const users = [
  { id: 'admin', name: '高建', role: 'admin', member: 'gaojian', password: 'admin-console-1' },
  { id: 'xingfuli', name: '周兰', role: 'community', community: 'xingfuli', member: 'zhoulan', password: 'xingfuli-console-1' },
];
const ticketText = '3号楼2单元下水道堵了，污水漫到楼道了';
const otherCommunityText = '2号楼门口的路灯坏了好几天，晚上很黑';

const service = await Service.start({ binary, sourceDir, users, clock: t0 });
const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  // --no-sandbox: chromium's sandbox refuses to start as root (CI containers run as root);
  // --disable-dev-shm-usage: containers' /dev/shm is often too small for the renderer.
  args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-dev-shm-usage'],
});

let step = '';
async function check(name, body) {
  step = name;
  await body();
  console.log(`ok - ${name}`);
}

async function newPage() {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.setDefaultTimeout(10000 * patience);
  await page.goto(`${service.base}/console/`);
  return page;
}

async function signIn(page, user, password) {
  await page.getByLabel('账号').fill(user);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

const alertWith = (page, text) => page.getByRole('alert').filter({ hasText: text }).waitFor();
const ticketLink = (page, number) => page.getByRole('table', { name: '工单列表' }).getByRole('link', { name: `#${number}`, exact: true });

// The board does not poll: search again until the row is there. A search first replaces the
// results with 加载中…, so count only once its answer is shown: counting straight after the click
// saw the loading line whenever the fetch took longer than the count (every time on a slower machine).
async function searchUntil(page, locator) {
  for (let i = 0; i < 50 * patience; ++i) {
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('加载中…').waitFor({ state: 'detached' });
    if (await locator.count()) return;
    await page.waitForTimeout(100);
  }
  await locator.waitFor({ timeout: 1 });
}

const ackCell = async (page) => (await page.getByRole('table', { name: '各网格回复率' })
  .getByRole('row', { name: /幸福里第一网格/ }).innerText()).split('\t').map((s) => s.trim());

try {
  const page = await newPage();

  await check('a wrong password is refused with the console\'s sentence', async () => {
    await signIn(page, 'admin', 'not-the-password');
    await alertWith(page, '账号或密码错误');
    assert.equal(await page.getByRole('navigation', { name: '主导航' }).count(), 0);
  });

  await check('the admin signs in and sees the board', async () => {
    await signIn(page, 'admin', 'admin-console-1');
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await page.getByRole('heading', { name: '工单', exact: true }).waitFor();
  });

  await check('a resident\'s ticket from the local platform appears on the board', async () => {
    await service.say('xfl-1-group', 'zhangwei', ticketText);
    await searchUntil(page, ticketLink(page, 1001));
    const row = page.getByRole('row', { name: /#1001/ });
    assert.match(await row.innerText(), /下水道堵了/);
    // The search box finds it by its Chinese words, and a word it lacks finds nothing.
    await page.getByLabel('搜索').fill('下水道');
    await page.getByRole('button', { name: '查询' }).click();
    await ticketLink(page, 1001).waitFor();
    await page.getByLabel('搜索').fill('电梯');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('没有记录。').waitFor();
    await page.getByRole('button', { name: '清空' }).click();
    await ticketLink(page, 1001).waitFor();
  });

  await check('its detail shows the timeline', async () => {
    await ticketLink(page, 1001).click();
    await page.getByRole('heading', { name: '工单 #1001' }).waitFor();
    const timeline = page.getByRole('list', { name: '时间线' });
    await timeline.getByRole('listitem').first().waitFor();
    assert.ok(await timeline.getByRole('listitem').count() >= 1);
  });

  await check('assigning it records the assignment and the new owner', async () => {
    const before = await page.getByRole('list', { name: '时间线' }).getByRole('listitem').count();
    await page.getByLabel('指派给（成员编号）').fill('liqiang');
    await page.getByRole('button', { name: '指派', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '已指派' }).waitFor();
    const timeline = page.getByRole('list', { name: '时间线' });
    assert.ok(await timeline.getByRole('listitem').count() > before, 'the timeline grew');
    await page.getByRole('region', { name: '工单信息' }).getByText('李强').waitFor();
  });

  await check('an action the API refuses shows the API\'s reason', async () => {
    await page.getByLabel('指派给（成员编号）').fill('nobody-here');
    await page.getByRole('button', { name: '指派', exact: true }).click();
    await alertWith(page, '操作失败：');
    assert.doesNotMatch(await page.getByRole('alert').filter({ hasText: '操作失败' }).innerText(), /Exception|at \w+ \(/);
  });

  await check('after the clock passes its deadlines it is on the overdue board', async () => {
    // A week: past the claim and resolve limits and every rung of the escalation ladder, whose
    // rungs each set a new deadline, so the ticket is late at last against the top rung's.
    await service.advance(7 * 24 * 3600);
    await page.getByRole('navigation').getByRole('link', { name: '超期' }).click();
    await page.getByRole('heading', { name: '超期工单' }).waitFor();
    const table = page.getByRole('table', { name: '超期工单列表' });
    await table.getByRole('link', { name: '#1001', exact: true }).waitFor();
    assert.match(await table.getByRole('row', { name: /#1001/ }).innerText(), /天/);
  });

  await check('数据: a number drills down to the tickets it counts', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '数据' }).click();
    await page.getByRole('button', { name: '受理 1', exact: true }).click();
    await page.getByRole('heading', { name: '受理：1 件工单' }).waitFor();
    await page.getByRole('table', { name: '受理' }).getByRole('link', { name: '#1001', exact: true }).waitFor();
    // Kept apart: nobody has rated yet, so 满意 counts none.
    await page.getByRole('button', { name: '满意 0', exact: true }).waitFor();
  });

  await check('数据: the charts draw Chinese with a Chinese font (not boxes); a screenshot to look at', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '数据' }).click();
    await page.locator('canvas').first().waitFor();
    // Without a CJK font chromium draws every Chinese character as the same box: two different
    // characters drawn in the charts' font come out pixel for pixel the same.
    const distinct = await page.evaluate(() => {
      const pixels = (ch) => {
        const c = document.createElement('canvas');
        c.width = c.height = 32;
        const g = c.getContext('2d');
        g.font = '24px sans-serif';
        g.fillText(ch, 2, 26);
        return Array.from(g.getImageData(0, 0, 32, 32).data).join(',');
      };
      return pixels('口') !== pixels('田');
    });
    assert.ok(distinct, 'Chinese characters draw as boxes: no Chinese font (./run test installs fonts-wqy-microhei)');
    const shot = join(process.env.GRIDBOT_SCREENSHOTS ?? process.cwd(), 'console-figures.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`# the figures page: ${shot}`);
  });

  await check('a notice that needs 收到: its acknowledgement rate rises as residents reply', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '通知' }).click();
    // The templates and their fields come from GET /api/v1/notice-templates.
    await page.getByLabel('模板', { exact: true }).selectOption({ label: '停水通知' });
    await page.getByLabel('原因', { exact: true }).waitFor();
    await page.getByLabel('模板', { exact: true }).selectOption({ label: '不用模板（自己写）' });
    await page.getByRole('group', { name: '网格' }).getByLabel('幸福里第一网格').check();
    await page.getByLabel('通知内容').fill('明天9:00-17:00停水，请提前储水');
    await page.getByLabel('要求回复「收到」').check();
    await page.getByRole('button', { name: '发送通知' }).click();
    await page.getByRole('heading', { name: /通知 #\d+ 进度/ }).waitFor();
    await service.waitForMessage('xfl-1-group', (m) => m.from_bot && m.text.includes('停水'), 'the notice');
    await page.getByRole('button', { name: '刷新' }).click();
    await page.getByRole('table', { name: '各网格回复率' }).waitFor();
    const [, people, acknowledged] = await ackCell(page);
    assert.equal(acknowledged, '0');
    assert.ok(Number(people) >= 2, `the grid's group reaches people (${people})`);

    await service.say('xfl-1-group', 'zhangwei', '收到');
    await service.waitUntilSent();
    await page.getByRole('button', { name: '刷新' }).click();
    await page.waitForFunction(() => document.querySelector('table[aria-label="各网格回复率"] tbody tr td:nth-child(3)')?.textContent === '1');
    const one = await ackCell(page);
    assert.equal(one[3], `${(100 / Number(people)).toFixed(1)}%`);

    await service.say('xfl-1-group', 'liqiang', '好的收到');
    await page.getByRole('button', { name: '刷新' }).click();
    await page.waitForFunction(() => document.querySelector('table[aria-label="各网格回复率"] tbody tr td:nth-child(3)')?.textContent === '2');
    assert.equal((await ackCell(page))[3], `${(200 / Number(people)).toFixed(1)}%`);
  });

  await check('the board exports as CSV: a header and the ticket\'s row', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '工单' }).click();
    await ticketLink(page, 1001).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出 CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'UTF-8 with a BOM, so Excel reads Chinese');
    const lines = csv.slice(1).split(/\r?\n/).filter(Boolean);
    assert.ok(lines[0].split(',').length >= 4, `a header row: ${lines[0]}`);
    assert.ok(lines.slice(1).some((line) => line.includes('1001') && line.includes('下水道')), 'the ticket\'s row');
  });

  await check('a community user does not see another community\'s ticket', async () => {
    await service.say('yl-1-group', 'gulnar', otherCommunityText);
    await searchUntil(page, ticketLink(page, 1002)); // the admin sees it: it exists
    const desk = await newPage();
    await signIn(desk, 'xingfuli', 'xingfuli-console-1');
    await ticketLink(desk, 1001).waitFor();
    assert.equal(await ticketLink(desk, 1002).count(), 0);
    assert.doesNotMatch(await desk.getByRole('table', { name: '工单列表' }).innerText(), /路灯/);
    await desk.goto(`${service.base}/console/#/tickets/1002`);
    await alertWith(desk, '无权查看');
    assert.equal(await desk.getByText(otherCommunityText).count(), 0);
  });

  await check('组织: a CSV import applies the good row at once and lists the bad one by row and field', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '组织' }).click();
    const csv = '编号,姓名,角色,网格,账号\nxiaoli,小李,网格员,xfl-2,local:xiaoli\nhuaixing,坏行,网格员,no-such-grid,local:huaixing\n';
    await page.getByLabel('CSV 文件').setInputFiles({ name: 'members.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 1 行。').waitFor();
    const errors = page.getByRole('table', { name: /行有错误/ });
    assert.match(await errors.innerText(), /grid/);
    assert.equal(await errors.getByRole('row').count(), 2, 'a heading row and the one bad row');
    await page.getByRole('table', { name: '成员' }).getByText('小李').waitFor();
    assert.equal(await page.getByRole('table', { name: '成员' }).getByText('坏行').count(), 0);
  });

  await check('repeated wrong passwords get the throttle\'s sentence (429)', async () => {
    const late = await newPage();
    let throttled = false;
    for (let i = 0; i < 8 && !throttled; ++i) {
      await signIn(late, 'xingfuli', `wrong-${i}`);
      await late.getByRole('alert').filter({ hasText: /账号或密码错误|登录失败次数过多/ }).waitFor();
      throttled = (await late.getByRole('alert').innerText()).includes('登录失败次数过多');
    }
    assert.ok(throttled, 'the sign-in page said to wait after repeated failures');
  });
} catch (error) {
  console.error(`not ok - ${step}\n${error.stack ?? error}\n--- gridbot's log (tail) ---\n${service.output.slice(-4000)}`);
  process.exitCode = 1;
} finally {
  await browser.close();
  const exited = await service.stop();
  if (exited?.code !== 0) {
    console.error(`not ok - gridbot exited with ${JSON.stringify(exited)} after SIGTERM\n${service.output.slice(-4000)}`);
    process.exitCode = 1;
  }
}
