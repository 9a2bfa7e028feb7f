/**
 * Key facts in the customer's words, for the agent's summary: order numbers, amounts with their currency, error
 * codes, product names the knowledge base knows, dates and emails. Patterns, not a model: these facts are
 * formulaic ("order #A-10234", "$49.99", "error E42"), and a pattern that misses is visible in the tests
 * (test/worker/assist/summary-accuracy.test.ts measures them on a scripted set).
 */
import type { KeyFacts, MoneyAmount } from "../../../schema/context";
import type { KbArticle } from "../scorer";

const ORDER_RE =
  /\b(?:order|purchase|shipment)(?:\s+(?:number|no\.?|num|id|ref(?:erence)?))?(?:\s+(?:is|was))?\s*[:#]?\s*#?\s*([A-Z]{0,4}-?\d[A-Z0-9-]{3,})\b/gi;
/** "#10234" alone, not after a currency sign or inside a word. */
const HASH_REF_RE = /(?<![\w$€£#])#\s?([A-Z]{0,4}-?\d{4,}[A-Z0-9-]*)\b/gi;
const ERROR_RE =
  /\b(?:error|err|fault|code)(?:\s+(?:code|number|no\.?))?(?:\s+(?:is|was|says))?\s*[:#]?\s*["']?([A-Z]{0,3}-?\d{1,5}|0x[0-9a-f]{2,8})\b/gi;
/** A bare code shaped like "E42" or "E-1043" counts as an error code even without the word "error". */
const BARE_ERROR_RE = /\b(E-?\d{2,5})\b/g;
const EMAIL_RE = /\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\b/g;

const SYMBOL_CURRENCY: Record<string, string> = { $: "USD", "€": "EUR", "£": "GBP" };
const WORD_CURRENCY: Record<string, string> = {
  usd: "USD",
  dollar: "USD",
  dollars: "USD",
  bucks: "USD",
  eur: "EUR",
  euro: "EUR",
  euros: "EUR",
  gbp: "GBP",
  pound: "GBP",
  pounds: "GBP",
  cad: "CAD",
  aud: "AUD",
  chf: "CHF",
};
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const AMOUNT_RES: { re: RegExp; currency: (m: RegExpMatchArray) => string; value: (m: RegExpMatchArray) => string }[] =
  [
    {
      re: new RegExp(String.raw`([$€£])\s?(${NUMBER})`, "g"),
      currency: (m) => SYMBOL_CURRENCY[m[1]],
      value: (m) => m[2],
    },
    {
      re: new RegExp(String.raw`\b(USD|EUR|GBP|CAD|AUD|CHF)\s?(${NUMBER})\b`, "gi"),
      currency: (m) => m[1].toUpperCase(),
      value: (m) => m[2],
    },
    {
      re: new RegExp(
        String.raw`(?<![$€£\d.,])(${NUMBER})\s?(usd|eur|gbp|cad|aud|chf|dollars?|euros?|pounds?|bucks)\b`,
        "gi",
      ),
      currency: (m) => WORD_CURRENCY[m[2].toLowerCase()],
      value: (m) => m[1],
    },
  ];

const MONTHS =
  "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const DATE_RES: RegExp[] = [
  /\b\d{4}-\d{2}-\d{2}\b/g,
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/g,
  new RegExp(String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b`, "gi"),
  new RegExp(String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:${MONTHS})\b(?:\s+\d{4})?`, "gi"),
  new RegExp(
    String.raw`\b(?:yesterday|today|last\s+(?:week|month|night|${WEEKDAYS})|(?:on|since|last)\s+(?:${WEEKDAYS}))\b`,
    "gi",
  ),
];

/** "1,049.50" and "49,99" both read as numbers: a comma before exactly two final digits is a decimal comma. */
function parseAmount(raw: string): number {
  const decimalComma = /,\d{1,2}$/.test(raw) && !raw.includes(".");
  const normal = decimalComma ? raw.replace(",", ".") : raw.replace(/,/g, "");
  return Number(normal);
}

function pushUnique(list: string[], value: string): void {
  if (!list.some((v) => v.toLowerCase() === value.toLowerCase())) list.push(value);
}

/** Spans already claimed by a more specific fact (an order number is not also a date or an error code). */
class Claimed {
  private spans: [number, number][] = [];
  overlaps(start: number, end: number): boolean {
    return this.spans.some(([s, e]) => start < e && end > s);
  }
  add(start: number, end: number): void {
    this.spans.push([start, end]);
  }
}

/**
 * The product names in the knowledge base: the brand (the capitalised word most articles use mid-sentence, e.g.
 * "Brightbox") and every "<brand> <Capitalised word>" phrase in the articles ("Brightbox Go"). Longest first, so
 * "Brightbox Go" wins over "Brightbox" in the customer's text. Cached per article array.
 */
const productCache = new WeakMap<KbArticle[], string[]>();
export function knowledgeBaseProducts(articles: KbArticle[]): string[] {
  const cached = productCache.get(articles);
  if (cached) return cached;
  const articlesUsing = new Map<string, number>();
  for (const a of articles) {
    const words = new Set<string>();
    // A capitalised word after another word (not at a sentence start) and not a menu ("Settings > Plan").
    for (const m of `${a.title} ${a.body}`.matchAll(/(?<=[a-z,] )([A-Z][a-z]{2,})\b(?!\s*>)/g)) words.add(m[1]);
    for (const w of words) articlesUsing.set(w, (articlesUsing.get(w) ?? 0) + 1);
  }
  const brand = [...articlesUsing].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1])[0]?.[0];
  const products = new Set<string>();
  if (brand) {
    products.add(brand);
    const phrase = new RegExp(String.raw`\b${brand}((?:\s+[A-Z][\w-]*)+)`, "g");
    for (const a of articles)
      for (const m of `${a.title}. ${a.body}`.matchAll(phrase)) products.add(`${brand}${m[1]}`.trim());
  }
  const list = [...products].sort((a, b) => b.length - a.length);
  productCache.set(articles, list);
  return list;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The key facts in `texts` (the customer's messages, oldest first). `products` come from knowledgeBaseProducts. */
export function extractKeyFacts(texts: string[], products: string[] = []): KeyFacts {
  const facts: KeyFacts = { orders: [], amounts: [], errors: [], products: [], dates: [], emails: [] };
  for (const raw of texts) {
    const text = raw.slice(0, 4000);
    const claimed = new Claimed();
    const take = (re: RegExp, list: string[], group = 1, upper = true) => {
      for (const m of text.matchAll(re)) {
        const start = m.index ?? 0;
        if (claimed.overlaps(start, start + m[0].length)) continue;
        claimed.add(start, start + m[0].length);
        pushUnique(list, upper ? m[group].toUpperCase() : m[group].trim());
      }
    };
    take(EMAIL_RE, facts.emails, 1, false);
    take(ORDER_RE, facts.orders);
    take(HASH_REF_RE, facts.orders);
    for (const { re, currency, value } of AMOUNT_RES) {
      for (const m of text.matchAll(re)) {
        const start = m.index ?? 0;
        if (claimed.overlaps(start, start + m[0].length)) continue;
        claimed.add(start, start + m[0].length);
        const amount: MoneyAmount = { value: parseAmount(value(m)), currency: currency(m), text: m[0].trim() };
        if (!facts.amounts.some((a) => a.value === amount.value && a.currency === amount.currency))
          facts.amounts.push(amount);
      }
    }
    take(ERROR_RE, facts.errors);
    take(BARE_ERROR_RE, facts.errors);
    for (const re of DATE_RES) take(re, facts.dates, 0, false);
    for (const product of products) {
      const re = new RegExp(String.raw`\b${escapeRe(product)}\b`, "gi");
      for (const m of text.matchAll(re)) {
        const start = m.index ?? 0;
        if (claimed.overlaps(start, start + m[0].length)) continue;
        claimed.add(start, start + m[0].length);
        pushUnique(facts.products, product);
      }
    }
  }
  return facts;
}
