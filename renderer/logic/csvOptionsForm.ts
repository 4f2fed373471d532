/** The CSV override form's values and their translation to the data layer's `CsvOptions`. */
import { ENCODING_LABELS, type CsvOptions } from '../../models/data';

type Encoding = NonNullable<CsvOptions['encoding']>;

export interface CsvOptionsForm {
  /** 'auto' detects it (byte-order mark, UTF-16 NUL pattern, invalid UTF-8). */
  encoding: 'auto' | Encoding;
  /** 'auto' leaves detection to DuckDB's sniffer. */
  delimiter: 'auto' | ',' | ';' | '\t' | '|';
  decimalSeparator: 'auto' | '.' | ',';
  header: 'auto' | 'yes' | 'no';
  /** strptime format such as `%d.%m.%Y`; '' = detect. */
  dateFormat: string;
}

export const DELIMITER_LABELS: Record<CsvOptionsForm['delimiter'], string> = {
  auto: 'detect',
  ',': 'comma ,',
  ';': 'semicolon ;',
  '\t': 'tab',
  '|': 'pipe |',
};

export function formFromCsvOptions(options: CsvOptions | undefined): CsvOptionsForm {
  const delimiter = options?.delimiter;
  const known: readonly string[] = [',', ';', '\t', '|'];
  return {
    encoding: options?.encoding ?? 'auto',
    delimiter:
      delimiter !== undefined && known.includes(delimiter)
        ? (delimiter as CsvOptionsForm['delimiter'])
        : 'auto',
    decimalSeparator: options?.decimalSeparator ?? 'auto',
    header: options?.header === undefined ? 'auto' : options.header ? 'yes' : 'no',
    dateFormat: options?.dateFormat ?? '',
  };
}

/** Only the fields the analyst fixed; the rest stay detected. */
export function csvOptionsFromForm(form: CsvOptionsForm): CsvOptions {
  const options: CsvOptions = {};
  if (form.encoding !== 'auto') options.encoding = form.encoding;
  if (form.delimiter !== 'auto') options.delimiter = form.delimiter;
  if (form.decimalSeparator !== 'auto') options.decimalSeparator = form.decimalSeparator;
  if (form.header !== 'auto') options.header = form.header === 'yes';
  const dateFormat = form.dateFormat.trim();
  if (dateFormat !== '') options.dateFormat = dateFormat;
  return options;
}

/** The encodings the form offers, with their labels. */
export const ENCODING_CHOICES = Object.entries(ENCODING_LABELS) as [Encoding, string][];

/**
 * Short labels of the options, e.g. ["comma ,", "decimal .", "%Y-%m-%d"]; a header row and UTF-8
 * are the norm, so only their absence is named.
 */
export function csvOptionLabels(options: CsvOptions | undefined): string[] {
  if (options === undefined) return [];
  const labels: string[] = [];
  if (options.encoding !== undefined && options.encoding !== 'utf-8')
    labels.push(ENCODING_LABELS[options.encoding]);
  if (options.delimiter !== undefined) {
    labels.push(
      (DELIMITER_LABELS as Record<string, string>)[options.delimiter] ?? `"${options.delimiter}"`,
    );
  }
  if (options.decimalSeparator !== undefined) labels.push(`decimal ${options.decimalSeparator}`);
  if (options.header === false) labels.push('no header');
  if (options.dateFormat !== undefined) labels.push(options.dateFormat);
  return labels;
}

/** One line: "comma , · decimal . · %Y-%m-%d". */
export function describeCsvOptions(options: CsvOptions | undefined): string {
  return csvOptionLabels(options).join(' · ');
}
