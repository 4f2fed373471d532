#!/usr/bin/env node
// The app's main job on the bundled sample, headless: inspect the daily export, then fit the MMM.
import { spawnSync } from 'node:child_process';

const mmm = ['cli/bin/mmm.mjs'];
const steps = [
  [
    'inspect',
    'sample-data/media_daily_long.csv',
    'sample-data/kpi_daily.csv',
    'sample-data/controls_daily.csv',
  ],
  [
    'fit',
    'sample-data/media_weekly_wide.csv',
    '--date',
    'week',
    '--kpi',
    'revenue',
    '--channels',
    'tv_spend,search_spend,social_spend,display_spend,video_spend,audio_spend,affiliate_spend',
    '--controls',
    'price_index,promo,holiday',
    '--seed',
    '1',
    ...process.argv.slice(2),
  ],
];
for (const args of steps) {
  console.log(`\n$ mmm ${args.join(' ')}\n`);
  const { status } = spawnSync(process.execPath, [...mmm, ...args], { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
