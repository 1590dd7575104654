// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/authorization.h"

#include "sigstore/fulcio.h"

namespace capaudit {

namespace {

const QString kTitle = QStringLiteral("Signer is authorized");
constexpr auto kMeterIndependent = "independent";

QString quoted(const QString& s)
{
    return u'\'' + s + u'\'';
}

QString scopeText(const QStringList& providers)
{
    if (providers.isEmpty())
        return QStringLiteral("no provider");
    QStringList q;
    for (const QString& p : providers)
        q.append(quoted(p));
    return q.join(QStringLiteral(", "));
}

// What the statement claims, and which role may claim it.
struct Claim {
    QString provider;
    QString requiredRole;
    QString description; // "telemetry metered by the provider itself for 'Aurora'"
    QString problem; // the statement does not say enough to judge
};

Claim claimOf(const Verdict& v)
{
    Claim c;
    const QJsonValue provider = v.predicate.value(QStringLiteral("provider"));
    c.provider = provider.toString();
    if (!provider.isString() || c.provider.isEmpty()) {
        c.problem = QStringLiteral("the %1 statement names no provider (predicate.provider), so no anchor can be "
                                   "authorized to make it")
                        .arg(bundleKindName(v.kind));
        return c;
    }
    if (v.kind != BundleKind::Telemetry) {
        c.requiredRole = QLatin1String(roles::kProvider);
        c.description = QStringLiteral("%1 of provider %2").arg(bundleKindName(v.kind), quoted(c.provider));
        return c;
    }
    const QJsonValue meter = v.predicate.value(QStringLiteral("meter"));
    const QString m = meter.isUndefined() ? QStringLiteral("provider") : meter.toString();
    if (m == QLatin1String(kMeterIndependent)) {
        c.requiredRole = QLatin1String(roles::kIndependentMeter);
        c.description = QStringLiteral("independently metered telemetry of provider %1").arg(quoted(c.provider));
    } else if (m == u"provider") {
        c.requiredRole = QLatin1String(roles::kProvider);
        c.description = QStringLiteral("telemetry metered by provider %1 itself").arg(quoted(c.provider));
    } else {
        c.problem = QStringLiteral("predicate.meter is '%1', not 'provider' or 'independent'").arg(meter.toString());
    }
    return c;
}

// The exact command that would authorize the claim, keeping the anchor's current scope.
QString authorizingCommand(const TrustAnchor& anchor, const Claim& claim)
{
    QStringList providers = anchor.role == claim.requiredRole ? anchor.providers : QStringList();
    if (!providers.contains(claim.provider))
        providers.append(claim.provider);
    QString command = QStringLiteral("capaudit-cli trust add CASE %1 --label %2 --role %3")
                          .arg(anchor.fileName, quoted(anchor.label), claim.requiredRole);
    for (const QString& p : providers)
        command += QStringLiteral(" --provider ") + quoted(p);
    if (!anchor.identity.san.isEmpty())
        command += QStringLiteral(" --san ") + quoted(anchor.identity.san);
    if (!anchor.identity.issuer.isEmpty())
        command += QStringLiteral(" --issuer ") + quoted(anchor.identity.issuer);
    return command;
}

// Empty when LEAF carries the identity ANCHOR pins, else why not.
QString identityMismatch(const TrustAnchor& anchor, const QList<crypto::Certificate>& chain)
{
    if (anchor.identity.isEmpty())
        return {};
    if (chain.isEmpty())
        return QStringLiteral("anchor '%1' pins the signer identity %2 but the bundle has no signer certificate")
            .arg(anchor.label, quoted(anchor.identity.san));
    const crypto::Certificate& leaf = chain.first();
    QStringList problems;
    const QStringList sans = identitySans(leaf);
    if (!anchor.identity.san.isEmpty() && !sans.contains(anchor.identity.san))
        problems.append(
            QStringLiteral("its subject alternative name is %1, the anchor pins %2")
                .arg(sans.isEmpty() ? QStringLiteral("absent") : scopeText(sans), quoted(anchor.identity.san)));
    const QString issuer = sigstore::fulcioIssuer(leaf);
    if (!anchor.identity.issuer.isEmpty() && issuer != anchor.identity.issuer)
        problems.append(
            QStringLiteral("its OIDC issuer is %1, the anchor pins %2")
                .arg(issuer.isEmpty() ? QStringLiteral("absent") : quoted(issuer), quoted(anchor.identity.issuer)));
    if (problems.isEmpty())
        return {};
    return QStringLiteral("the signer certificate is not the identity anchor '%1' pins: %2")
        .arg(anchor.label, problems.join(QStringLiteral("; ")));
}

const TrustAnchor* signerAnchor(
    const SignerInfo& signer, const QList<crypto::Certificate>& chain, const TrustStore& trust)
{
    if (signer.anchorFingerprint.isEmpty())
        return nullptr;
    return trust.anchorForKey(
        signer.anchorFingerprint, chain.isEmpty() ? TrustAnchor::Kind::PinnedKey : TrustAnchor::Kind::RootCertificate);
}

bool signerTrusted(const Verdict& v)
{
    for (const Check& c : v.checks)
        if (c.id == QLatin1String(checks::kTrust))
            return c.status == CheckStatus::Pass;
    return false;
}

bool statementReadable(const Verdict& v)
{
    for (const Check& c : v.checks)
        if (c.id == QLatin1String(checks::kStatement))
            return c.status == CheckStatus::Pass;
    return false;
}

} // namespace

QStringList identitySans(const crypto::Certificate& leaf)
{
    return leaf.identityNames();
}

void recordSignerIdentity(const crypto::Certificate& leaf, SignerInfo& signer)
{
    signer.san = identitySans(leaf).join(QStringLiteral(", "));
    signer.oidcIssuer = sigstore::fulcioIssuer(leaf);
}

void checkAuthorization(
    Verdict& verdict, const QList<crypto::Certificate>& chain, const TrustStore& trust, VerificationRun& run)
{
    if (!chain.isEmpty())
        recordSignerIdentity(chain.first(), verdict.signer);
    if (!signerTrusted(verdict)) {
        run.skip(checks::kAuthorized, kTitle, QStringLiteral("not judged: the signer is not a trust anchor"));
        return;
    }
    if (!statementReadable(verdict)) {
        run.skip(checks::kAuthorized, kTitle, QStringLiteral("not judged: no readable statement"));
        return;
    }
    const TrustAnchor* anchor = signerAnchor(verdict.signer, chain, trust);
    if (!anchor) {
        run.fail(checks::kAuthorized, kTitle,
            QStringLiteral("the anchor that verified the signer cannot be identified, so no scope authorizes it"));
        return;
    }
    verdict.signer.anchorProviders = anchor->providers;
    if (const QString mismatch = identityMismatch(*anchor, chain); !mismatch.isEmpty()) {
        if (chain.isEmpty()) {
            run.fail(checks::kAuthorized, kTitle, mismatch);
            return;
        }
        run.fail(checks::kAuthorized, kTitle, mismatch,
            QStringLiteral("a certificate from the same CA for another identity is not this signer; if the identity "
                           "is legitimate, pin it: capaudit-cli trust add CASE %1 ... --san %2 --issuer %3")
                .arg(anchor->fileName, quoted(identitySans(chain.first()).value(0)),
                    quoted(sigstore::fulcioIssuer(chain.first()))));
        return;
    }
    const Claim claim = claimOf(verdict);
    if (!claim.problem.isEmpty()) {
        run.fail(checks::kAuthorized, kTitle, claim.problem);
        return;
    }
    const QString role = anchor->role.isEmpty() ? QStringLiteral("no role") : anchor->role;
    const QString who = QStringLiteral("anchor '%1' (%2, role %3, scope %4)")
                            .arg(anchor->label, anchor->fileName, role, scopeText(anchor->providers));
    QString refusal;
    if (anchor->role != claim.requiredRole) {
        refusal =
            anchor->role == QLatin1String(roles::kAuditor) || anchor->role == QLatin1String(roles::kTransparencyLog)
            ? QStringLiteral("%1 never authorizes provider evidence, and the statement is %2")
                  .arg(who, claim.description)
            : QStringLiteral("%1 may not sign %2: that needs role %3").arg(who, claim.description, claim.requiredRole);
    } else if (!anchor->providers.contains(claim.provider)) {
        refusal = QStringLiteral("%1 may not speak for provider %2: the statement is %3")
                      .arg(who, quoted(claim.provider), claim.description);
    }
    if (!refusal.isEmpty()) {
        run.fail(checks::kAuthorized, kTitle, refusal,
            QStringLiteral("if this signer is meant to speak for %1: %2")
                .arg(quoted(claim.provider), authorizingCommand(*anchor, claim)));
        return;
    }
    run.pass(checks::kAuthorized, kTitle, QStringLiteral("%1 may sign %2").arg(who, claim.description));
}

QString authorizedMeter(const QString& claimedMeter, const Verdict& verdict)
{
    bool authorized = true; // verdicts stored before signer.authorized existed: the role alone decided
    for (const Check& c : verdict.checks)
        if (c.id == QLatin1String(checks::kAuthorized))
            authorized = c.status == CheckStatus::Pass;
    const bool independent = claimedMeter == QLatin1String(kMeterIndependent) && authorized
        && verdict.verdict == VerdictKind::Verified
        && verdict.signer.anchorRole == QLatin1String(roles::kIndependentMeter);
    return independent ? QLatin1String(kMeterIndependent) : QStringLiteral("provider");
}

} // namespace capaudit
