/**
 * The XSS corpus for test/e2e/xss-corpus.test.ts: well-known payloads from the usual cheat sheets
 * (OWASP filter evasion, PortSwigger, mXSS write-ups), adapted so that each one, if it ever ran,
 * would call both `__xss(<id>)` (a page-level hook installed before any page script) and
 * `alert`/`confirm`/`prompt` (overridden by the same hook, and caught by `page.on("dialog")`).
 *
 * Each payload carries a short id used in test names and in the hook's report. The texts are sent
 * verbatim as customer messages, agent messages, agent notes, customer names and custom attributes,
 * so they must stay within the protocol's limits (schema/protocol.ts): message text <= 4,000
 * characters; names <= 120 and attribute values <= 200 (only the payloads short enough are used there).
 */
export interface Payload {
  id: string;
  text: string;
}

const LONG_UNIT = `<img src=x onerror=__xss('long')>"><svg onload=alert(1)>`;

export const PAYLOADS: Payload[] = [
  // --- <script> in its many spellings -----------------------------------------------------------
  { id: "script-basic", text: `<script>__xss('script-basic');alert(1)</script>` },
  { id: "script-upper", text: `<SCRIPT>__xss('script-upper');alert(1)</SCRIPT>` },
  { id: "script-src", text: `<script src=//evil.invalid/x.js></script><script>__xss('script-src')</script>` },
  { id: "script-src-data", text: `<script src="data:text/javascript,__xss('script-src-data');alert(1)"></script>` },
  { id: "script-split", text: `<scr<script>ipt>__xss('script-split');alert(1)</scr</script>ipt>` },
  { id: "script-slash", text: `<script/x>__xss('script-slash')</script>` },
  { id: "script-in-comment", text: `<!--<script>__xss('script-in-comment')</script>-->` },
  { id: "script-cdata", text: `<![CDATA[<script>__xss('script-cdata')</script>]]>` },
  // --- event-handler attributes ---------------------------------------------------------------
  { id: "img-onerror", text: `<img src=x onerror="__xss('img-onerror');alert(1)">` },
  { id: "img-onerror-noquote", text: `<img src=x onerror=__xss('img-onerror-noquote')>` },
  { id: "img-slash-sep", text: `<img/src=x/onerror=__xss('img-slash-sep')>` },
  { id: "img-backtick", text: "<img src=`x` onerror=`__xss('img-backtick')`>" },
  { id: "img-newline", text: `<img\nsrc=x\nonerror=__xss('img-newline')>` },
  { id: "img-tab", text: `<img\tsrc=x\tonerror=__xss('img-tab')>` },
  { id: "svg-onload", text: `<svg onload=__xss('svg-onload')>` },
  { id: "svg-slash-onload", text: `<svg/onload=alert(1)><svg/onload=__xss('svg-slash-onload')>` },
  { id: "svg-animate", text: `<svg><animate onbegin=__xss('svg-animate') attributeName=x dur=1s>` },
  { id: "svg-script", text: `<svg><script>__xss('svg-script')</script></svg>` },
  {
    id: "svg-use-data",
    text: `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='__xss()'/></svg>#x"/></svg>`,
  },
  { id: "body-onload", text: `<body onload=__xss('body-onload')>` },
  { id: "body-onpageshow", text: `<body onpageshow=__xss('body-onpageshow')>` },
  { id: "iframe-onload", text: `<iframe onload=__xss('iframe-onload')></iframe>` },
  { id: "iframe-srcdoc", text: `<iframe srcdoc="<script>parent.__xss('iframe-srcdoc')</script>"></iframe>` },
  { id: "details-ontoggle", text: `<details open ontoggle=__xss('details-ontoggle')><summary>x</summary></details>` },
  { id: "video-onerror", text: `<video><source onerror="__xss('video-onerror')"></video>` },
  { id: "video-poster", text: `<video poster=javascript:__xss('video-poster') src=x onerror=__xss('video-poster')>` },
  { id: "audio-onerror", text: `<audio src=x onerror=__xss('audio-onerror')>` },
  { id: "input-autofocus", text: `<input autofocus onfocus=__xss('input-autofocus')>` },
  { id: "marquee-onstart", text: `<marquee onstart=__xss('marquee-onstart')>x</marquee>` },
  { id: "object-data", text: `<object data="javascript:__xss('object-data')"></object>` },
  { id: "embed-src", text: `<embed src="javascript:__xss('embed-src')">` },
  {
    id: "div-onmouseover",
    text: `<div style="position:fixed;inset:0" onmouseover=__xss('div-onmouseover')>hover</div>`,
  },
  { id: "style-onload", text: `<style onload=__xss('style-onload')></style>` },
  // --- javascript:, data:, vbscript: URLs ---------------------------------------------------------
  { id: "a-javascript", text: `<a href="javascript:__xss('a-javascript');alert(1)">click</a>` },
  { id: "bare-javascript", text: `javascript:__xss('bare-javascript');alert(1)` },
  { id: "javascript-mixed-case", text: `JaVaScRiPt:__xss('javascript-mixed-case')` },
  {
    id: "javascript-entity",
    text: `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;__xss('javascript-entity')">x</a>`,
  },
  { id: "javascript-hex-entity", text: `<a href="&#x6A;avascript&#x3A;__xss('javascript-hex-entity')">x</a>` },
  { id: "javascript-tab", text: `<a href="jav\tascript:__xss('javascript-tab')">x</a> jav&#x09;ascript:alert(1)` },
  { id: "javascript-newline-url", text: `http://example.com/\njavascript:__xss('javascript-newline-url')` },
  { id: "javascript-in-http", text: `https://example.com/"onmouseover="__xss('javascript-in-http')"` },
  { id: "https-then-js", text: `https://example.com/ok?<script>__xss('https-then-js')</script>` },
  {
    id: "data-html",
    text: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a> data:text/html,<script>__xss('data-html')</script>`,
  },
  { id: "vbscript", text: `<a href="vbscript:msgbox(1)">x</a> vbscript:msgbox("xss")` },
  { id: "markdown-js", text: `[click me](javascript:__xss('markdown-js'))` },
  {
    id: "markdown-data",
    text: `[x](data:text/html,<script>__xss('markdown-data')</script>) ![img](x" onerror="__xss('markdown-data'))`,
  },
  { id: "markdown-autolink", text: `<javascript:__xss('markdown-autolink')> **bold** _it_ \`code\`` },
  // --- attribute and context breakouts ------------------------------------------------------------
  { id: "quote-breakout", text: `"><img src=x onerror=__xss('quote-breakout')>` },
  { id: "single-quote-breakout", text: `'><svg onload=__xss('single-quote-breakout')>` },
  { id: "textarea-breakout", text: `</textarea><script>__xss('textarea-breakout')</script>` },
  { id: "title-breakout", text: `</title></style></noscript><img src=x onerror=__xss('title-breakout')>` },
  { id: "js-string-breakout", text: `';__xss('js-string-breakout');//\\';alert(1)//";alert(1)//` },
  { id: "template-literal", text: "${__xss('template-literal')}`;alert(1)//{{constructor.constructor('__xss()')()}}" },
  { id: "angular-template", text: `{{constructor.constructor('__xss("angular-template")')()}}` },
  // --- mXSS and parser differentials ----------------------------------------------------------------
  { id: "mxss-noscript", text: `<noscript><p title="</noscript><img src=x onerror=__xss('mxss-noscript')>">` },
  { id: "mxss-svg-style", text: `<svg></p><style><a id="</style><img src=1 onerror=__xss('mxss-svg-style')>">` },
  { id: "mxss-math", text: `<math><mtext><table><mglyph><style><img src=x onerror=__xss('mxss-math')>` },
  {
    id: "mxss-template",
    text: `<template><img src=x onerror=__xss('mxss-template')></template><form><math><mtext></form><form><mglyph><style></math><img src onerror=__xss('mxss-template')>`,
  },
  { id: "mxss-xmp", text: `<xmp><p title="</xmp><img src=x onerror=__xss('mxss-xmp')>">` },
  // --- CSS vectors ----------------------------------------------------------------------------
  { id: "css-expression", text: `<div style="width:expression(__xss('css-expression'))">x</div>` },
  { id: "css-url-js", text: `<div style="background:url(javascript:__xss('css-url-js'))">x</div>` },
  { id: "css-import", text: `<style>@import 'javascript:__xss("css-import")';</style>` },
  { id: "link-stylesheet", text: `<link rel=stylesheet href="javascript:__xss('link-stylesheet')">` },
  { id: "meta-refresh", text: `<meta http-equiv="refresh" content="0;url=javascript:__xss('meta-refresh')">` },
  { id: "base-href", text: `<base href="javascript:__xss('base-href')//">` },
  // --- entity-encoded and escaped variants --------------------------------------------------------
  { id: "entity-lt", text: `&lt;img src=x onerror=__xss('entity-lt')&gt;` },
  { id: "entity-decimal", text: `&#60;script&#62;__xss('entity-decimal')&#60;/script&#62;` },
  { id: "entity-hex", text: `&#x3C;svg onload=__xss('entity-hex')&#x3E;` },
  { id: "url-encoded", text: `%3Cscript%3E__xss('url-encoded')%3C%2Fscript%3E` },
  { id: "js-unicode-escape", text: `\\u003cimg src=x onerror=__xss('js-unicode-escape')\\u003e` },
  { id: "fullwidth-lt", text: `＜script＞__xss('fullwidth-lt')＜/script＞` },
  // --- unicode and zero-width tricks ----------------------------------------------------------------
  {
    id: "zero-width",
    text: `<scr\u200Bipt>__xss('zero-width')</scr\u200Bipt> java\u200Bscript:alert(1) <img\u200Dsrc=x onerror=__xss()>`,
  },
  { id: "rtl-override", text: `\u202E<img src=x onerror=__xss('rtl-override')>\u202C gpj.exe` },
  { id: "null-byte", text: `<img src=x o\u0000nerror=__xss('null-byte')> <scr\u0000ipt>alert(1)</script>` },
  { id: "homoglyph", text: `<ѕcript>__xss('homoglyph')</ѕcript> ｊａｖａｓｃｒｉｐｔ:alert(1)` },
  { id: "emoji-combining", text: `👩‍💻<img src=x onerror=__xss('emoji-combining')>e\u0301\u0301\u0301` },
  // --- very long --------------------------------------------------------------------------------
  { id: "long-repeat", text: LONG_UNIT.repeat(Math.floor(3990 / LONG_UNIT.length)) },
  {
    id: "long-no-spaces",
    text: `<img src=x onerror=__xss('long-no-spaces')>${"A".repeat(3000)}<script>__xss('long-no-spaces')</script>`,
  },
];

/** Payloads that fit where the protocol allows at most `max` characters (after trimming). */
export const fitting = (max: number) => PAYLOADS.filter((p) => p.text.trim().length <= max && p.text.trim().length > 0);

/** Invalid emails the server must refuse (it validates the email), rather than store and render. */
export const EMAIL_PAYLOADS: string[] = [
  `"><img src=x onerror=__xss('email')>@example.com`,
  `<script>__xss('email')</script>@example.com`,
  `javascript:__xss('email')//@example.com`,
  `x@example.com"><svg onload=__xss('email')>`,
];

/** Odd but valid emails: stored and shown, as text. */
export const ODD_EMAILS: string[] = [`javascript-alert.1@example.com`, `x+onerror-alert@evil-example.com`];
