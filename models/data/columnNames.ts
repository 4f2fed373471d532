/**
 * Column-name patterns behind mapping detection. Names are compared in snake_case, lower case,
 * accents dropped (`Erlös` → `erlos`, `Coût TV` → `cout_tv`), in English, German, French and
 * Spanish, plus the suffixes of peers' exports: Robyn's `_S` (spend), `_I` (impressions), `_P`
 * (another paid-media metric: clicks when its name says so, else impressions) and `_B` (context),
 * Meridian's `_impression`, `_spend` and `_control`.
 */

export function snakeCase(name: string): string {
  return name
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

const dateNames =
  /^(date|day|week|ds|dt|period|time|timestamp|date_week|week_start|week_starting|week_of|date_day|day_date|report_date|event_date|order_date|month|datum|woche|kalenderwoche|tag|semaine|jour|fecha|semana|dia|mes|mois|monat)$|(^|_)date$/;
const geoNames =
  /^(geo|geography|region|dma|market|country|state|province|city|territory|area|location|zone|land|bundesland|stadt|markt|pays|ville|departement|pais|provincia|ciudad|mercado)(_name|_code|_id)?$/;
const channelNames =
  /^(channel|media|medium|media_channel|channel_name|source|platform|tactic|vehicle|publisher|network|kanal|canal|plattform|plateforme|plataforma)$/;

/** KPI names by preference, each with its names in other languages. */
const kpiSynonyms: readonly (readonly string[])[] = [
  [
    'revenue',
    'umsatz',
    'erlos',
    'erloes',
    'umsatzerlose',
    'chiffre_d_affaires',
    'revenus',
    'recettes',
    'ingresos',
    'facturacion',
  ],
  ['sales', 'verkaufe', 'verkaeufe', 'ventes', 'ventas'],
  ['conversions', 'konversionen', 'conversiones'],
  ['orders', 'bestellungen', 'auftrage', 'commandes', 'pedidos'],
  ['kpi'],
  ['y'],
  ['target'],
  ['transactions', 'transaktionen', 'transacciones'],
  ['signups', 'anmeldungen', 'inscriptions', 'registros'],
  ['leads'],
  ['units', 'absatz', 'stuckzahl', 'unites', 'unidades'],
];
const kpiNames = new RegExp(
  `^(total_|gesamt_)?(${kpiSynonyms.flat().join('|')})(_total|_amount|_value|_gesamt)?$`,
);

/** Words that name a metric, by role (each a whole word of the snake_case name). */
const metricWords: Record<MetricRole, readonly string[]> = {
  spend: [
    'spend',
    'cost',
    'costs',
    'investment',
    'budget',
    'media_spend',
    'spending',
    'kosten',
    'ausgaben',
    'werbekosten',
    'mediakosten',
    'cout',
    'couts',
    'depense',
    'depenses',
    'costo',
    'costos',
    'coste',
    'costes',
    'gasto',
    'gastos',
    'inversion',
  ],
  impressions: [
    'impression',
    'impressions',
    'imp',
    'imps',
    'impr',
    'impressionen',
    'einblendungen',
    'sichtkontakte',
    'impresiones',
  ],
  clicks: ['click', 'clicks', 'klicks', 'clics'],
};
const wordPattern = (words: readonly string[]) => new RegExp(`(^|_)(${words.join('|')})(?=_|$)`);
const metricTokens = Object.entries(metricWords).map(
  ([role, words]) => [role as MetricRole, wordPattern(words)] as const,
);
const anyMetricToken = new RegExp(wordPattern(Object.values(metricWords).flat()).source, 'g');

const controlNames =
  /(^|_)(price|price_index|promo|promotion|discount|holiday|event|competitor|competition|temperature|temp|weather|index|covid|lockdown|distribution|stock|inflation|cpi|unemployment|gdp|seasonal_index|dummy|control|controls|newsletter|organic|preis|preisindex|rabatt|aktion|feiertag|ferien|wetter|temperatur|wettbewerb|prix|remise|ferie|jour_ferie|meteo|concurrence|precio|descuento|promocion|festivo|feriado|clima|competencia)(_|$|[0-9])/;
/** Simulated-truth columns (e.g. pymc-marketing's x1_adstock, x1_effect) are never inputs. */
const derivedNames =
  /_(adstock|saturated|effect|contribution|adstock_saturated)$|^(epsilon|noise)$/;
/** pymc-marketing style channel columns `x1`, `x2`, … hold spend. */
const numberedChannel = /^x[0-9]+$/;
const populationNames =
  /^(population|pop|households|einwohner|bevolkerung|bevoelkerung|habitants|poblacion|habitantes)(_size|_total|_count)?$/;
/** A revenue per unit of a count KPI (Meridian's `revenue_per_conversion`, i.e. revenue_per_kpi). */
const revenuePerKpiNames =
  /^(revenue|sales|value|umsatz)_per_(conversion|kpi|unit|order|sale|lead|transaction)s?$|^(average_order_value|avg_order_value|aov)$/;

export const isDateName = (name: string) => dateNames.test(snakeCase(name));
export const isGeoName = (name: string) => geoNames.test(snakeCase(name));
export const isChannelName = (name: string) => channelNames.test(snakeCase(name));
/** Controls by name, and Robyn's context columns (`competitor_sales_B`). */
export const isControlName = (name: string) =>
  /_B$/.test(name) || controlNames.test(snakeCase(name));
export const isCompetitorName = (name: string) =>
  /(^|_)(competitor|competitors|competition|wettbewerb|wettbewerber|concurrence|concurrent|competencia)(_|$)/.test(
    snakeCase(name),
  );
/** Organic (unpaid) media, e.g. Meridian's `Organic_channel0_impression`: context, not a channel. */
export const isOrganicName = (name: string) => /(^|_)organic(_|$)/.test(snakeCase(name));
export const isDerivedName = (name: string) => derivedNames.test(snakeCase(name));
export const isPopulationName = (name: string) => populationNames.test(snakeCase(name));
export const isRevenuePerKpiName = (name: string) => revenuePerKpiNames.test(snakeCase(name));

/** Rank of a KPI name (lower is preferred), or null when the name is not a KPI. */
export function kpiRank(name: string): number | null {
  const match = kpiNames.exec(snakeCase(name));
  return match ? kpiSynonyms.findIndex((names) => names.includes(match[2])) : null;
}

/** Whether a KPI name is money (revenue, sales), which no revenue per unit multiplies. */
export function isMoneyKpi(name: string): boolean {
  const rank = kpiRank(name);
  return rank !== null && rank <= 1;
}

export type MetricRole = 'spend' | 'impressions' | 'clicks';

/** Robyn's suffix: `tv_S` spend, `facebook_I` impressions, `search_clicks_P` a paid-media metric. */
function robynMetric(name: string): { role: MetricRole; channel: string } | null {
  const match = /^(.+)_([SIP])$/.exec(name);
  if (!match) return null;
  const stem = snakeCase(match[1]);
  const role: MetricRole =
    match[2] === 'S'
      ? 'spend'
      : match[2] === 'I' || !wordPattern(metricWords.clicks).test(stem)
        ? 'impressions'
        : 'clicks';
  return { role, channel: channelOf(stem) };
}

/** The channel left once metric words are removed from a snake_case name. */
function channelOf(snake: string): string {
  return snake
    .replace(anyMetricToken, '')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The metric a column name carries and the channel left once the metric token is removed (`tv_spend` → tv). */
export function metricOf(name: string): { role: MetricRole; channel: string } | null {
  const robyn = robynMetric(name);
  if (robyn) return robyn;
  const snake = snakeCase(name);
  if (numberedChannel.test(snake)) return { role: 'spend', channel: snake };
  for (const [role, token] of metricTokens)
    if (token.test(snake)) return { role, channel: channelOf(snake) };
  return null;
}

/** A bare metric column of long data (`spend`, `cost`, `impressions`, `clicks`): no channel in its name. */
export function isLongMetricName(name: string): boolean {
  const metric = metricOf(name);
  return metric !== null && metric.channel === '' && !numberedChannel.test(snakeCase(name));
}
