/**
 * Panel styles, injected into the shadow root (the page's CSS cannot reach them). Colours are
 * picked for WCAG AA on their backgrounds; the brand colour's text colour is computed by the
 * launcher (--ht). Motion (animations only, no transitions) is decorative and switched off for
 * prefers-reduced-motion. The forms' own rules come with their lazy part (../parts/forms.tsx).
 */
export const CSS =
  ".p{position:absolute;bottom:72px;right:0;width:min(380px,calc(100vw - 40px));height:min(600px,calc(100vh - 120px));background:#fff;color:#1a1a1a;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);display:flex;flex-direction:column;overflow:hidden;animation:in .18s ease-out}" +
  ":host([data-pos=left]) .p{left:0;right:auto}" +
  "@keyframes in{from{opacity:0;transform:translateY(8px)}}" +
  "*{box-sizing:border-box}" +
  "button,input,textarea{font:inherit;color:inherit}" +
  "button{cursor:pointer}" +
  ":focus-visible{outline:3px solid #0b57d0;outline-offset:1px}" +
  ".h{display:flex;align-items:center;gap:8px;padding:12px 14px;background:var(--hc);color:var(--ht)}" +
  ".h h2{flex:1;margin:0;font-size:16px}" +
  ".h button{background:none;border:0;color:inherit;font-size:22px;line-height:1;padding:2px 8px;border-radius:6px}" +
  ".n{padding:6px 14px;background:#fff4ce;color:#3d2e00;font-size:13px;display:flex;gap:8px;align-items:center}" +
  ".t{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}" +
  ".t ul{display:flex;flex-direction:column;gap:8px;margin:0;padding:0;list-style:none}" +
  ".m{max-width:85%;padding:8px 11px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}" +
  ".m p,.card p{margin:0}" +
  ".who{display:block;font-size:12px;font-weight:600;color:#4d4d4d;margin-bottom:2px}" +
  ".customer{align-self:flex-end;background:var(--hc);color:var(--ht)}" +
  ".customer a{color:inherit}" +
  ".ai{align-self:flex-start;background:#f1f3f5}" +
  ".tm{align-self:center;font-size:11px;color:#5c5c5c}" +
  ".agent{align-self:flex-start;background:#e6f4ea;border-inline-start:3px solid #1e7b45}" +
  ".agent .who{color:#14532d}" +
  ".ai a,.agent a,.s a{color:#0b57d0}" +
  ".src{margin:6px 0 0;padding:6px 0 0;border-top:1px solid #d6d9dc;font-size:13px}" +
  ".src ul{margin:2px 0 0;padding-inline-start:18px}" +
  ".s{align-self:stretch;text-align:center;font-size:13px;color:#4a4a4a;padding:2px 8px}" +
  ".meta{font-size:12px;align-self:flex-end;color:#4d4d4d;margin-top:-4px}" +
  ".card{align-self:stretch;border:1px solid #d6d9dc;border-radius:10px;padding:10px;display:flex;flex-direction:column;gap:8px;background:#fafafa;font-size:14px}" +
  ".row{display:flex;gap:8px;flex-wrap:wrap}" +
  ".btn,.btn2{border-radius:8px;padding:6px 14px}" +
  ".btn{border:1px solid var(--hc);background:var(--hc);color:var(--ht)}" +
  ".btn2{border:1px solid #6b6b6b;background:#fff;color:#1a1a1a}" +
  "textarea{border:1px solid #6b6b6b;border-radius:8px;padding:7px 9px;background:#fff}" +
  ".typ{font-size:13px;color:#4d4d4d;padding:0 14px 4px}" +
  ".dots::after{content:'…';display:inline-block;animation:blink 1s steps(2) infinite}" +
  "@keyframes blink{50%{opacity:.3}}" +
  ".f{border-top:1px solid #d6d9dc;padding:8px;display:flex;flex-direction:column;gap:6px}" +
  ".f form{display:flex;gap:6px;align-items:flex-end}" +
  ".f textarea{flex:1;resize:none;height:42px;max-height:120px}" +
  ".human{align-self:flex-start;background:none;border:0;color:#0b57d0;text-decoration:underline;padding:2px 4px;font-size:14px}" +
  ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}" +
  "@media (prefers-reduced-motion:reduce){*{animation:none!important}}" +
  // A phone: the whole dynamic viewport, inside the safe area; the header's close button replaces the launcher.
  "@media (max-width:480px){.p{position:fixed;inset:0;width:auto;height:100dvh;border-radius:0;padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left)}.h button{min-width:44px;min-height:44px}.t{overscroll-behavior:contain}.l[aria-expanded=true]{display:none}}";
