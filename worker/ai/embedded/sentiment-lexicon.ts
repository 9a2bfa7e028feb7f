/**
 * A compact valence lexicon (-4..4, in the style of VADER/AFINN, written for this project) with the words that
 * matter in support chat and in general reviews. Stems ending in "*" match any word starting with them.
 */
const RAW: Record<number, string> = {
  4: "excellent amazing awesome fantastic outstanding superb perfect brilliant wonderful love loved loves lovely masterpiece phenomenal delightful magnificent marvelous marvellous exceptional",
  3: "great thanks thank thx appreciate appreciated happy glad best beautiful enjoy enjoyed enjoyable fun funny impressive charming terrific solved resolved fixed lifesaver stunning gorgeous moving touching triumph hilarious exhilarating compelling remarkable engrossing inspiring heartwarming refreshing",
  2: "good nice helpful works working pleased satisfied cool fine smooth fast easy recommend recommended worth well clever fresh witty entertaining solid pleasant sweet warm friendly reliable quick clear smart powerful rich strong success successful win wins winning interesting intelligent engaging ambitious gem rewarding thoughtful affecting sharp tender pleasure laugh laughs exciting excited lol yay wow haha",
  1: "ok okay decent alright fair like liked likes better hope hopefully welcome sure honest real true calm",
  [-1]: "slow late waiting confused unclear problem problems issue issues difficult odd weird strange lack lacks lacking missing dull flat predictable mediocre average sorry unfortunately meh bland tired",
  [-2]: "bad poor wrong broken fail fails failed failing failure error errors crash crashes crashed crashing bug buggy annoying annoyed frustrating frustrated disappointed disappointing disappointment unhappy upset problematic boring bored mess messy weak lame silly stupid dumb ugly confusing overpriced expensive unacceptable rude unhelpful useless pointless waste wasted worse sad painful tedious clumsy contrived shallow forgettable lousy sloppy shoddy unfunny lifeless stale incoherent tiresome ridiculous nonsense stuck ignored ignoring complain complaint cheated",
  [-3]: "terrible awful horrible hate hated hates angry furious worst pathetic disgusting disgrace scam fraud rip ripoff ripped garbage trash crap crappy junk sucks sucked incompetent ridiculous outrageous appalling dreadful lie lied lying liar nightmare unbearable insulting fed damn bloody hell",
  [-4]: "fucking fuck fucked shit shitty bullshit atrocious abysmal unwatchable disaster catastrophe",
};

export const LEXICON: Map<string, number> = new Map();
for (const [score, list] of Object.entries(RAW)) for (const w of list.split(/\s+/)) LEXICON.set(w, Number(score));

/** Words that flip the valence of what follows within a few words. */
export const NEGATIONS = new Set([
  "not",
  "no",
  "never",
  "none",
  "nobody",
  "nothing",
  "neither",
  "nor",
  "without",
  "hardly",
  "barely",
  "don't",
  "doesn't",
  "didn't",
  "isn't",
  "wasn't",
  "aren't",
  "weren't",
  "won't",
  "wouldn't",
  "can't",
  "cannot",
  "couldn't",
  "shouldn't",
  "haven't",
  "hasn't",
  "hadn't",
  "dont",
  "doesnt",
  "didnt",
  "isnt",
  "wasnt",
  "cant",
  "wont",
]);

/** Multipliers for the next sentiment word. */
export const INTENSIFIERS: Map<string, number> = new Map([
  ["very", 1.3],
  ["really", 1.3],
  ["so", 1.25],
  ["extremely", 1.5],
  ["incredibly", 1.5],
  ["totally", 1.3],
  ["completely", 1.4],
  ["absolutely", 1.4],
  ["utterly", 1.5],
  ["super", 1.3],
  ["too", 1.2],
  ["most", 1.2],
  ["such", 1.2],
  ["truly", 1.3],
  ["seriously", 1.3],
  ["deeply", 1.3],
  ["highly", 1.3],
  ["fucking", 1.5],
  ["bloody", 1.3],
  ["damn", 1.3],
  ["slightly", 0.6],
  ["somewhat", 0.7],
  ["kinda", 0.7],
  ["kind", 0.8],
  ["little", 0.7],
  ["bit", 0.7],
  ["barely", 0.5],
  ["mildly", 0.6],
  ["pretty", 1.1],
  ["quite", 1.1],
]);

/** "but" shifts weight to the clause after it (as VADER does). */
export const CONTRAST = new Set(["but", "however", "although", "though", "yet"]);
