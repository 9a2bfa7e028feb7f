/**
 * Spanish and French versions of a few demo articles (schema/seed/demo-kb.ts), so the demo shows the AI
 * answering from the customer's language version and, for the other articles, saying the answer is in English.
 * Translated by hand from the English originals.
 */
export interface DemoArticleVersion {
  articleId: string;
  language: string;
  title: string;
  body: string;
  url: string;
}

const version = (articleId: string, language: string, title: string, body: string): DemoArticleVersion => ({
  articleId,
  language,
  title,
  body,
  url: `/help/${articleId}?lang=${language}`,
});

export const DEMO_KB_VERSIONS: DemoArticleVersion[] = [
  version(
    "kb-account-password-reset",
    "es",
    "Restablecer tu contraseña",
    "En la pantalla de inicio de sesión, pulsa ¿Olvidaste tu contraseña? e introduce el correo electrónico de tu cuenta. Te enviamos un enlace para restablecerla que es válido durante 1 hora. Abre el enlace en cualquier dispositivo y elige una contraseña nueva de al menos 10 caracteres. Si el correo no llega en 5 minutos, revisa la carpeta de spam y comprueba que usaste el correo de tu cuenta. Restablecer la contraseña cierra la sesión en todos los demás dispositivos.",
  ),
  version(
    "kb-account-password-reset",
    "fr",
    "Réinitialiser votre mot de passe",
    "Sur l'écran de connexion, appuyez sur Mot de passe oublié et saisissez l'e-mail de votre compte. Nous envoyons un lien de réinitialisation valable 1 heure. Ouvrez le lien sur n'importe quel appareil et choisissez un nouveau mot de passe d'au moins 10 caractères. Si l'e-mail n'arrive pas dans les 5 minutes, vérifiez votre dossier de spam et l'adresse e-mail de votre compte. La réinitialisation du mot de passe vous déconnecte de tous les autres appareils.",
  ),
  version(
    "kb-billing-cancellation",
    "es",
    "Cancelar tu suscripción",
    "Puedes cancelar en cualquier momento en la aplicación, en Ajustes > Plan > Cancelar suscripción. La suscripción sigue activa hasta el final del periodo que pagaste y no se te volverá a cobrar. Los planes mensuales no tienen penalización por cancelación; los planes anuales cancelados después de los primeros 30 días no se reembolsan por los meses restantes. Tus archivos se pueden descargar durante 30 días después de que termine la suscripción. También puedes pausar la suscripción hasta 3 meses en lugar de cancelarla.",
  ),
  version(
    "kb-billing-cancellation",
    "fr",
    "Résilier votre abonnement",
    "Vous pouvez résilier à tout moment dans l'application, dans Réglages > Forfait > Résilier l'abonnement. L'abonnement reste actif jusqu'à la fin de la période payée, et vous ne serez plus prélevé. Les forfaits mensuels n'ont pas de frais de résiliation ; les forfaits annuels résiliés après les 30 premiers jours ne sont pas remboursés pour les mois restants. Vos fichiers restent téléchargeables pendant 30 jours après la fin de l'abonnement. Vous pouvez aussi suspendre l'abonnement jusqu'à 3 mois au lieu de le résilier.",
  ),
  version(
    "kb-billing-refunds",
    "es",
    "Política de reembolsos y cómo solicitar un reembolso",
    "Puedes obtener un reembolso completo en los 30 días siguientes a tu primer pago de suscripción. Los pagos de renovación se reembolsan en un plazo de 14 días si no has usado más de 10 GB desde la renovación. El hardware comprado a nosotros se reembolsa en 30 días una vez devuelta la caja. Para solicitar un reembolso, abre Facturación > Pagos, selecciona el pago y pulsa Solicitar reembolso. Los reembolsos vuelven al método de pago original en 5-10 días hábiles.",
  ),
  version(
    "kb-billing-refunds",
    "fr",
    "Politique de remboursement et demande de remboursement",
    "Vous pouvez obtenir un remboursement complet dans les 30 jours suivant votre premier paiement d'abonnement. Les paiements de renouvellement sont remboursables sous 14 jours si vous n'avez pas utilisé plus de 10 Go depuis le renouvellement. Le matériel acheté chez nous est remboursable sous 30 jours une fois la box retournée. Pour demander un remboursement, ouvrez Facturation > Paiements, sélectionnez le paiement et appuyez sur Demander un remboursement. Les remboursements reviennent sur le moyen de paiement d'origine sous 5 à 10 jours ouvrés.",
  ),
];
