import { minutes, plural, register } from "./register";

const n = plural("ar");

register("ar", {
  launcher: {
    open: "فتح المحادثة",
    close: "إغلاق المحادثة",
    unread: (count) =>
      n(count, {
        zero: "لا رسائل غير مقروءة",
        one: "رسالة غير مقروءة",
        two: "رسالتان غير مقروءتين",
        few: "# رسائل غير مقروءة",
        other: "# رسالة غير مقروءة",
      }),
  },
  panel: {
    title: "الدعم",
    welcome: "مرحبًا! يجيبك مساعدنا فورًا، ويمكنك التحدث إلى شخص بنقرة واحدة.",
    close: "إغلاق",
    composerLabel: "رسالة",
    placeholder: "اكتب رسالة…",
    send: "إرسال",
    talkToHuman: "التحدث إلى شخص",
    you: "أنت",
    assistant: "مساعد الذكاء الاصطناعي",
    agent: "موظف الدعم",
    sending: "جارٍ الإرسال…",
    read: "مقروءة",
    sources: "المصادر",
    typing: (who) => `${who} يكتب…`,
    someone: "شخص ما",
    connecting: "جارٍ الاتصال…",
    reconnecting: "انقطع الاتصال. جارٍ إعادة الاتصال…",
    offline: "أنت غير متصل. ستُرسل الرسائل عند عودتك إلى الاتصال.",
    newConversation: "بدء محادثة جديدة",
    failed: (reason) => `لم تُرسل: ${reason}`,
    createFailed: "تعذّر بدء المحادثة. جارٍ إعادة المحاولة…",
    loading: "جارٍ التحميل…",
    partFailed: "تعذّر التحميل.",
    retry: "إعادة المحاولة",
    attach: "إرفاق ملف",
  },
  prompts: {
    offerQuestion: "هل تريد التحدث إلى شخص؟",
    yes: "نعم",
    no: "لا",
    helped: "أفادني ذلك",
    notHelped: "ما زلت بحاجة إلى مساعدة",
    connectingPerson: "جارٍ توصيلك بأحد أفراد فريقنا…",
    queuePosition: (position) => (position <= 1 ? "أنت التالي." : `ترتيبك ${position} في قائمة الانتظار.`),
    queueEta: (seconds) =>
      seconds < 60
        ? "مدة الانتظار المتوقعة: أقل من دقيقة."
        : n(minutes(seconds), {
            one: "مدة الانتظار المتوقعة: دقيقة واحدة تقريبًا.",
            two: "مدة الانتظار المتوقعة: دقيقتان تقريبًا.",
            few: "مدة الانتظار المتوقعة: # دقائق تقريبًا.",
            other: "مدة الانتظار المتوقعة: # دقيقة تقريبًا.",
          }),
  },
  forms: {
    email: "البريد الإلكتروني (مطلوب)",
    name: "الاسم (اختياري)",
    orderNumber: "رقم الطلب (اختياري)",
    submit: "إرسال",
    emailInvalid: "أدخل عنوان بريد إلكتروني صالحًا.",
    ticketConfirmed: (email) => `شكرًا! سنرد على ${email}.`,
    csatQuestion: "كيف كانت تجربتك؟",
    csatScore: (score) => `${score} من 5`,
    csatComment: "تعليق (اختياري)",
    csatThanks: "شكرًا على ملاحظاتك!",
  },
  attach: {
    uploading: (name) => `جارٍ رفع ${name}`,
    cancel: "إلغاء",
    retry: "إعادة المحاولة",
    failed: (name, why) => `لم يُرسل ${name}: ${why}`,
    network: "انقطع الاتصال",
    open: (name) => `فتح ${name} بالحجم الكامل`,
    closeImage: "إغلاق الصورة",
    download: (name) => `تنزيل ${name}`,
  },
});
