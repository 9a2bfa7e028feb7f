/**
 * The demo knowledge base for "Brightbox", a fictional subscription smart-storage product (a connected home
 * storage box with an app that syncs photos and files). Seeded into D1 for local runs; the scorers take these
 * articles as input and cite them by id/title/url.
 */
import type { KbArticle } from "../../worker/ai/scorer";

const article = (id: string, title: string, tags: string[], body: string): KbArticle => ({
  id,
  title,
  body,
  tags,
  url: `/help/${id}`,
});

export const DEMO_KB: KbArticle[] = [
  article(
    "kb-billing-plans",
    "Brightbox plans and prices",
    ["billing", "plans", "pricing", "upgrade"],
    "Brightbox has three plans. Basic costs $9 a month and includes 1 TB of storage on one box. Plus costs $19 a month with 4 TB, family sharing for up to 5 people and version history. Pro costs $39 a month with 10 TB and priority support. Paying yearly saves two months on any plan. To upgrade or downgrade, open the app, go to Settings > Plan and choose the new plan; upgrades apply at once and downgrades at the next renewal.",
  ),
  article(
    "kb-billing-invoices",
    "Finding and downloading invoices",
    ["billing", "invoice", "receipt"],
    "Every payment produces an invoice. In the app or on brightbox.example/account, open Billing > Invoices to see all of them. Select an invoice and press Download PDF to save it. To add a company name or VAT number, edit Billing details before the next invoice is issued; past invoices cannot be changed. Invoices are also emailed to the account's billing email address.",
  ),
  article(
    "kb-billing-refunds",
    "Refund policy and how to request a refund",
    ["billing", "refund", "money back"],
    "You can get a full refund within 30 days of your first subscription payment. Renewal payments are refundable within 14 days if you have not used more than 10 GB since the renewal. Hardware bought from us is refundable within 30 days once the box is returned (see Returns). To request a refund, open Billing > Payments, select the payment and press Request refund. Refunds go back to the original payment method within 5-10 business days.",
  ),
  article(
    "kb-billing-unexpected-charge",
    "An unexpected or duplicate charge",
    ["billing", "charge", "charged twice", "dispute"],
    "If you see a charge you do not recognise, first check Billing > Payments in the app: it lists every charge with its date and plan. A charge may be a yearly renewal, an upgrade taking effect, or a pending authorisation that your bank releases within 3-5 days. If you were charged twice for the same period, the duplicate is refunded automatically within 48 hours. If the charge is still unexplained, contact our billing team before opening a chargeback with your bank, as a chargeback suspends the account.",
  ),
  article(
    "kb-billing-payment-methods",
    "Payment methods and updating your card",
    ["billing", "payment", "card", "paypal"],
    "Brightbox accepts Visa, Mastercard, American Express, PayPal and SEPA direct debit. To update your card, open Billing > Payment method and press Replace card. The new card is used from the next payment. If a payment fails, we retry after 3 and 7 days and email you each time; your files stay available for 14 days while the payment is pending.",
  ),
  article(
    "kb-billing-cancellation",
    "Cancelling your subscription",
    ["billing", "cancel", "cancellation", "subscription"],
    "You can cancel at any time in the app under Settings > Plan > Cancel subscription. The subscription stays active until the end of the period you paid for, and you will not be charged again. There is no cancellation fee on monthly plans; yearly plans cancelled after the first 30 days are not refunded for the remaining months. Your files stay downloadable for 30 days after the subscription ends. You can also pause a subscription for up to 3 months instead of cancelling.",
  ),
  article(
    "kb-shipping-times",
    "Shipping times and costs",
    ["shipping", "delivery", "international"],
    "Orders placed before 2 pm ship the same business day. Standard delivery takes 3-5 business days and is free; express delivery takes 1-2 business days and costs $12. We ship to the US, Canada, the UK and the EU; international deliveries take 5-10 business days and may incur import duties. You receive a confirmation email with your order number as soon as the order is placed.",
  ),
  article(
    "kb-shipping-tracking",
    "Tracking your order",
    ["shipping", "tracking", "order", "package"],
    "When your Brightbox ships, we email you a tracking link. You can also find it in the app under Account > Orders: select the order to see the carrier and tracking number. Tracking can take up to 24 hours to show the first scan. If the tracking has not changed for 5 business days, or the package shows delivered but you have not received it, contact us with your order number and we will open an investigation with the carrier.",
  ),
  article(
    "kb-shipping-returns",
    "Returning a Brightbox",
    ["shipping", "returns", "return", "exchange"],
    "You can return a Brightbox within 30 days of delivery for a refund or an exchange. Open Account > Orders, select the order and press Return item to get a prepaid return label. Pack the box with its power adapter, ideally in the original packaging, and drop it at any carrier location. The refund is issued once the box reaches our warehouse, usually within 7 business days. Damaged or faulty boxes are exchanged free of charge.",
  ),
  article(
    "kb-shipping-address",
    "Changing your shipping address",
    ["shipping", "address", "order"],
    "You can change the delivery address of an order until it ships. Open Account > Orders, select the order and press Edit address. Once the order has shipped, the address can only be changed through the carrier's tracking page. To change the default address for future orders, edit Account > Addresses.",
  ),
  article(
    "kb-account-password-reset",
    "Resetting your password",
    ["account", "password", "login", "forgot"],
    "On the sign-in screen, press Forgot password and enter your account email. We send a reset link that is valid for 1 hour. Open the link on any device and choose a new password of at least 10 characters. If the email does not arrive within 5 minutes, check your spam folder and make sure you used the email address of your account. Resetting the password signs you out of all other devices.",
  ),
  article(
    "kb-account-2fa",
    "Two-factor authentication (2FA)",
    ["account", "security", "2fa", "two-factor", "verification code"],
    "Two-factor authentication protects your account with a code from an authenticator app. To turn it on, open Settings > Security > Two-factor authentication, scan the QR code with your authenticator app and enter the 6-digit code. Save the 10 recovery codes somewhere safe. If you lost your phone, sign in with a recovery code and set up 2FA again. If the codes are rejected, check that your phone's clock is set automatically.",
  ),
  article(
    "kb-account-change-email",
    "Changing your account email",
    ["account", "email", "profile"],
    "To change your email, open Settings > Account > Email, enter the new address and your password. We send a confirmation link to the new address; the change takes effect once you open it. Until then, you sign in with the old email. Invoices and notifications go to the new address from then on.",
  ),
  article(
    "kb-account-delete",
    "Deleting your account",
    ["account", "delete", "privacy", "data"],
    "Deleting your account removes all your files and personal data permanently after 30 days. First cancel any active subscription and download the files you want to keep. Then open Settings > Account > Delete account and confirm with your password. You can restore the account within the 30 days by signing in again. Order and invoice records are kept for 7 years as required by tax law.",
  ),
  article(
    "kb-troubleshooting-offline",
    "Brightbox shows offline",
    ["troubleshooting", "offline", "wifi", "network", "connection"],
    "If the app shows your Brightbox as offline, check the light on the front: a blinking orange light means the box has no internet connection. Restart your router, then unplug the Brightbox for 10 seconds and plug it back in. Make sure the box is on a 2.4 GHz or 5 GHz network with WPA2, not a guest network. If it is still offline, connect it to the router with the Ethernet cable in the box, or run Settings > Devices > Reconnect Wi-Fi in the app.",
  ),
  article(
    "kb-troubleshooting-sync",
    "Sync errors and files not syncing",
    ["troubleshooting", "sync", "error", "upload"],
    "Sync errors usually come from a full box, a file that is open in another program, or a lost connection. In the app, open Activity to see which files failed and why. Error 42 means the box is full: free space or upgrade your plan. Error 17 means a file name has characters the box does not accept, such as a trailing space. To retry, press Sync now; if errors continue, sign out of the app and sign in again, which rebuilds the sync index.",
  ),
  article(
    "kb-troubleshooting-app-crash",
    "The app crashes or will not open",
    ["troubleshooting", "app", "crash", "android", "ios"],
    "If the Brightbox app crashes on start, first update it from the App Store or Google Play: crashes are often fixed in a newer version. Restart your phone, then open the app again. On Android you can clear the app's cache in Settings > Apps > Brightbox > Storage > Clear cache; your files are not affected. The app needs iOS 16 or Android 10 or later. If it still crashes, send a report from Settings > Help > Send diagnostics so we can look at the log.",
  ),
  article(
    "kb-troubleshooting-battery",
    "Battery life of the Brightbox Go",
    ["troubleshooting", "battery", "charging", "power"],
    "The portable Brightbox Go runs about 8 hours on battery while syncing and up to 3 days on standby. A full charge takes 2 hours with the supplied 30 W adapter; slower USB chargers can take 6 hours. If the battery drains quickly, turn off continuous sync in Settings > Devices > Power saving and update the box's firmware. A battery that no longer holds a charge within the 2-year warranty is replaced for free.",
  ),
  article(
    "kb-getting-started-setup",
    "Setting up a new Brightbox",
    ["setup", "getting started", "install", "devices"],
    "Plug in the Brightbox and wait for the white light to pulse. Install the Brightbox app, sign in or create an account, and press Add device; the app finds the box over Bluetooth and asks for your Wi-Fi password. Setup takes about 5 minutes, including a firmware update. To add a second box or share with family members, open Settings > Devices > Add device or Settings > Family.",
  ),
  article(
    "kb-account-privacy-security",
    "How your data is protected",
    ["account", "security", "privacy", "encryption"],
    "Files on your Brightbox and in transit are encrypted with AES-256 and TLS 1.3. Only you and the people you share with can open your files; our staff cannot read them. You can see every device signed in to your account in Settings > Security > Devices and sign out of any of them, or press Sign out everywhere.",
  ),
];
