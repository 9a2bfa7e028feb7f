/**
 * The demo site's settings (`site:demo`, the site of the demo page that `npm start` serves): its
 * assistant speaks for Brightbox, the demo knowledge base's company.
 */
export const DEMO_SITE = "demo";

export const DEMO_PERSONA = { assistantName: "Ava", companyName: "Brightbox", tone: "friendly" } as const;
