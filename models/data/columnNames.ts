/** Column-name patterns behind mapping detection (names are compared in snake_case, lower case). */

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const dateNames =
  /^(date|day|week|ds|dt|period|time|timestamp|date_week|week_start|week_starting|week_of|date_day|day_date|report_date|event_date|order_date|month)$|(^|_)date$/;
const geoNames =
  /^(geo|geography|region|dma|market|country|state|province|city|territory|area|location|zone)(_name|_code|_id)?$/;
const channelNames =
  /^(channel|media|medium|media_channel|channel_name|source|platform|tactic|vehicle|publisher|network)$/;
const kpiPriority = [
  'revenue',
  'sales',
  'conversions',
  'orders',
  'kpi',
  'y',
  'target',
  'transactions',
  'signups',
  'leads',
  'units',
];
const kpiNames = new RegExp(`^(total_)?(${kpiPriority.join('|')})(_total|_amount|_value)?$`);
const spendToken = /(^|_)(spend|cost|costs|investment|budget|media_spend|spending)(_|$)/;
const impressionToken = /(^|_)(impressions?|imps?|impr)(_|$)|impressions/;
const clickToken = /(^|_)(clicks?)(_|$)/;
const controlNames =
  /(^|_)(price|price_index|promo|promotion|discount|holiday|event|competitor|competition|temperature|temp|weather|index|covid|lockdown|distribution|stock|inflation|cpi|unemployment|gdp|seasonal_index|dummy)(_|$|[0-9])/;
/** Simulated-truth columns (e.g. pymc-marketing's x1_adstock, x1_effect) are never inputs. */
const derivedNames =
  /_(adstock|saturated|effect|contribution|adstock_saturated)$|^(epsilon|noise)$/;
/** pymc-marketing style channel columns `x1`, `x2`, … hold spend. */
const numberedChannel = /^x[0-9]+$/;

export const isDateName = (name: string) => dateNames.test(snakeCase(name));
export const isGeoName = (name: string) => geoNames.test(snakeCase(name));
export const isChannelName = (name: string) => channelNames.test(snakeCase(name));
export const isControlName = (name: string) => controlNames.test(snakeCase(name));
export const isCompetitorName = (name: string) =>
  /(^|_)(competitor|competitors|competition)(_|$)/.test(snakeCase(name));
export const isDerivedName = (name: string) => derivedNames.test(snakeCase(name));

/** Rank of a KPI name (lower is preferred), or null when the name is not a KPI. */
export function kpiRank(name: string): number | null {
  const match = kpiNames.exec(snakeCase(name));
  return match ? kpiPriority.indexOf(match[2]) : null;
}

export type MetricRole = 'spend' | 'impressions' | 'clicks';

/** The metric a column name carries and the channel left once the metric token is removed (`tv_spend` → tv). */
export function metricOf(name: string): { role: MetricRole; channel: string } | null {
  const snake = snakeCase(name);
  if (numberedChannel.test(snake)) return { role: 'spend', channel: snake };
  const tokens: [MetricRole, RegExp][] = [
    ['spend', spendToken],
    ['impressions', impressionToken],
    ['clicks', clickToken],
  ];
  for (const [role, token] of tokens) {
    if (!token.test(snake)) continue;
    const channel = snake
      .replace(
        /(^|_)(spend|cost|costs|investment|budget|media_spend|spending|impressions?|imps?|impr|clicks?)(?=_|$)/g,
        '',
      )
      .replace(/^_+|_+$/g, '');
    return { role, channel };
  }
  return null;
}

/** A bare metric column of long data (`spend`, `cost`, `impressions`, `clicks`): no channel in its name. */
export function isLongMetricName(name: string): boolean {
  const metric = metricOf(name);
  return metric !== null && metric.channel === '' && !numberedChannel.test(snakeCase(name));
}
