import { type CustomerCopy, plural } from "../catalogue";

export const ja: CustomerCopy = {
  connecting: "担当者におつなぎしています…",
  offerHuman: "担当者におつなぎしましょうか？",
  offerDeclined: "かしこまりました。引き続きお手伝いします。担当者への切り替えはいつでもご依頼いただけます。",
  aiNoAnswer:
    "適切な回答が見つからないかもしれません。もう少し詳しく教えていただくか、いつでも担当者をご依頼ください。",
  aiFailed: "申し訳ありません。ただいま処理できませんでした。",
  answerRejected: "お役に立てず申し訳ありません。もう少し詳しく教えていただくか、いつでも担当者をご依頼ください。",
  agentJoined: (name) => `${name}が参加しました`,
  agentLeft: (name) => `${name}が退出しました`,
  transferredToAgent: (name) => `${name}におつなぎします。`,
  transferredToTeam: (team) => `${team}チームにおつなぎします。`,
  handedBack: "AIアシスタントに戻りました。担当者への切り替えはいつでもご依頼いただけます。",
  closed: "この会話は終了しました。対応はいかがでしたか？",
  reopened: "おかえりなさい！",
  noAgentOnline: (expected) =>
    `ただいま対応できる担当者がおりません。メールアドレスをお残しいただければ、ご連絡いたします（目安：${expected}）。`,
  within: (duration) => `最長で${duration}`,
  businessDays: (n) => plural("ja", n, { other: "{n}営業日" }),
  teamUnreachable:
    "ただいま担当チームに接続できません。会話は保存されています。メールアドレスをお残しいただければ、ご連絡いたします。",
  ticketCreated: (ticket, expected) =>
    `ありがとうございます。お問い合わせ ${ticket} を受け付けました。メールでご返信します（目安：${expected}）。`,
  askedForPerson: "担当者との会話をリクエストしました",
  acceptedOffer: "はい、担当者につないでください",
  declinedOffer: "いいえ、結構です",
  answerHelped: "解決しました",
  answerNotHelped: "まだ助けが必要です",
  contactSaved: "ありがとうございます。連絡先を保存しました。",
  conversationStarted: "会話を開始しました",
  csatThanks: "ご意見ありがとうございます！",
  // Japanese has a single plural category: the count needs no plural form.
  escalated: (minutes) => `チームの目標時間（${minutes}分）を超えて待機中のため、エスカレーションしました。`,
  answerInEnglish: "この回答は英語でのみご用意しています：",
  assistantRole: (company) => (company ? `${company}のサポートアシスタント` : "サポートアシスタント"),
  acts: {
    greeting: (self) => `こんにちは、${self}です。本日はどのようなご用件でしょうか？`,
    thanks: () => "どういたしまして。お役に立ててよかったです。ほかにお手伝いできることはありますか？",
    goodbye: () => "お問い合わせありがとうございました。失礼いたします。",
    yes: () => "かしこまりました。どのようなことをお知りになりたいですか？",
    no: () => "かしこまりました。ほかに何かあればお知らせください。",
    ok: () => "かしこまりました。ほかにお手伝いできることはありますか？",
    are_you_a_bot: (self) =>
      `はい、${self}（自動アシスタント）です。ほとんどのご質問にお答えでき、ご希望があればいつでも担当者に代わります。`,
    small_talk: (self) => `${self}です。サポートに関するご質問が得意です。どのようなご用件でしょうか？`,
  },
};
