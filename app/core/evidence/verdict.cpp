// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/verdict.h"

#include "util/timeutil.h"

#include <QJsonArray>

namespace capaudit {

namespace {
constexpr auto kPredicateBase = "https://capaudit.dev/predicates/";
}

QString bundleKindName(BundleKind kind)
{
    switch (kind) {
    case BundleKind::Telemetry:
        return QStringLiteral("telemetry");
    case BundleKind::Attestation:
        return QStringLiteral("attestation");
    case BundleKind::Billing:
        return QStringLiteral("billing");
    case BundleKind::Invoice:
        return QStringLiteral("invoice");
    case BundleKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

BundleKind bundleKindFromName(QStringView name)
{
    for (BundleKind k : { BundleKind::Telemetry, BundleKind::Attestation, BundleKind::Billing, BundleKind::Invoice })
        if (name == bundleKindName(k))
            return k;
    return BundleKind::Unknown;
}

QString predicateTypeFor(BundleKind kind)
{
    if (kind == BundleKind::Unknown)
        return {};
    return QLatin1String(kPredicateBase) + bundleKindName(kind) + QStringLiteral("/v1");
}

BundleKind bundleKindFromPredicateType(QStringView predicateType)
{
    for (BundleKind k : { BundleKind::Telemetry, BundleKind::Attestation, BundleKind::Billing, BundleKind::Invoice })
        if (predicateType == predicateTypeFor(k))
            return k;
    return BundleKind::Unknown;
}

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Pass:
        return QStringLiteral("pass");
    case CheckStatus::Fail:
        return QStringLiteral("fail");
    case CheckStatus::Skipped:
        break;
    }
    return QStringLiteral("skipped");
}

QString verdictName(VerdictKind verdict)
{
    switch (verdict) {
    case VerdictKind::Verified:
        return QStringLiteral("verified");
    case VerdictKind::Untrusted:
        return QStringLiteral("untrusted");
    case VerdictKind::Rejected:
        break;
    }
    return QStringLiteral("rejected");
}

VerdictKind verdictFromName(QStringView name)
{
    if (name == u"verified")
        return VerdictKind::Verified;
    if (name == u"untrusted")
        return VerdictKind::Untrusted;
    return VerdictKind::Rejected;
}

QJsonObject Check::toJson() const
{
    QJsonObject o { { QStringLiteral("id"), id }, { QStringLiteral("title"), title },
        { QStringLiteral("status"), checkStatusName(status) }, { QStringLiteral("reason"), reason } };
    if (!hint.isEmpty())
        o.insert(QStringLiteral("hint"), hint);
    return o;
}

Check Check::fromJson(const QJsonObject& json)
{
    Check c;
    c.id = json.value(QStringLiteral("id")).toString();
    c.title = json.value(QStringLiteral("title")).toString();
    const QString status = json.value(QStringLiteral("status")).toString();
    c.status = status == u"pass" ? CheckStatus::Pass : status == u"fail" ? CheckStatus::Fail : CheckStatus::Skipped;
    c.reason = json.value(QStringLiteral("reason")).toString();
    c.hint = json.value(QStringLiteral("hint")).toString();
    return c;
}

QString SignerInfo::displayName() const
{
    if (!subject.isEmpty())
        return subject;
    if (!san.isEmpty())
        return oidcIssuer.isEmpty() ? san : QStringLiteral("%1 (via %2)").arg(san, oidcIssuer);
    return keyFingerprint.isEmpty() ? QString() : QStringLiteral("key %1").arg(keyFingerprint.left(16));
}

const Check* Verdict::firstFailure() const
{
    for (const Check& c : checks)
        if (c.status == CheckStatus::Fail)
            return &c;
    return nullptr;
}

QString Verdict::summary() const
{
    QString s = verdictName(verdict);
    if (const Check* f = firstFailure())
        s += QStringLiteral(": %1: %2").arg(f->id, f->reason);
    else if (verdict == VerdictKind::Untrusted)
        for (const Check& c : checks)
            if (c.id == QLatin1String(checks::kTrust))
                s += QStringLiteral(": ") + c.reason;
    return s;
}

QJsonObject Verdict::toJson() const
{
    QJsonArray checkArray;
    for (const Check& c : checks)
        checkArray.append(c.toJson());
    QJsonArray subjectArray;
    for (const Subject& s : subjects)
        subjectArray.append(QJsonObject { { QStringLiteral("name"), s.name },
            { QStringLiteral("digest"), QJsonObject { { s.algorithm, s.digestHex } } } });
    QJsonObject signerJson { { QStringLiteral("subject"), signer.subject }, { QStringLiteral("issuer"), signer.issuer },
        { QStringLiteral("keyFingerprint"), signer.keyFingerprint }, { QStringLiteral("algorithm"), signer.algorithm },
        { QStringLiteral("anchorLabel"), signer.anchorLabel }, { QStringLiteral("anchorRole"), signer.anchorRole } };
    // Written only when set, so verdicts of bundles without them keep their earlier bytes.
    if (!signer.anchorFingerprint.isEmpty())
        signerJson.insert(QStringLiteral("anchorFingerprint"), signer.anchorFingerprint);
    if (!signer.anchorProviders.isEmpty())
        signerJson.insert(QStringLiteral("anchorProviders"), QJsonArray::fromStringList(signer.anchorProviders));
    if (!signer.san.isEmpty())
        signerJson.insert(QStringLiteral("san"), signer.san);
    if (!signer.oidcIssuer.isEmpty())
        signerJson.insert(QStringLiteral("oidcIssuer"), signer.oidcIssuer);
    if (signer.signingTime.isValid())
        signerJson.insert(QStringLiteral("signingTime"), formatTimestamp(signer.signingTime));
    QJsonObject json { { QStringLiteral("source"), source }, { QStringLiteral("bundleDigest"), bundleDigest },
        { QStringLiteral("verdict"), verdictName(verdict) }, { QStringLiteral("kind"), bundleKindName(kind) },
        { QStringLiteral("predicateType"), predicateType }, { QStringLiteral("checks"), checkArray },
        { QStringLiteral("subjects"), subjectArray }, { QStringLiteral("signer"), signerJson } };
    if (validationTime.isValid())
        json.insert(QStringLiteral("validationTime"), validationTime.toUTC().toString(Qt::ISODateWithMs));
    if (!statementDigest.isEmpty())
        json.insert(QStringLiteral("statementDigest"), statementDigest);
    if (!signer.unverifiedSignatures.isEmpty())
        json.insert(QStringLiteral("unverifiedSignatures"), QJsonArray::fromStringList(signer.unverifiedSignatures));
    return json;
}

Verdict Verdict::fromJson(const QJsonObject& json)
{
    Verdict v;
    v.source = json.value(QStringLiteral("source")).toString();
    v.bundleDigest = json.value(QStringLiteral("bundleDigest")).toString();
    v.statementDigest = json.value(QStringLiteral("statementDigest")).toString();
    for (const QJsonValue u : json.value(QStringLiteral("unverifiedSignatures")).toArray())
        v.signer.unverifiedSignatures.append(u.toString());
    v.verdict = verdictFromName(json.value(QStringLiteral("verdict")).toString());
    v.kind = bundleKindFromName(json.value(QStringLiteral("kind")).toString());
    v.predicateType = json.value(QStringLiteral("predicateType")).toString();
    for (const QJsonValue c : json.value(QStringLiteral("checks")).toArray())
        v.checks.append(Check::fromJson(c.toObject()));
    for (const QJsonValue sv : json.value(QStringLiteral("subjects")).toArray()) {
        const QJsonObject so = sv.toObject();
        const QJsonObject digest = so.value(QStringLiteral("digest")).toObject();
        Subject s;
        s.name = so.value(QStringLiteral("name")).toString();
        if (!digest.isEmpty()) {
            s.algorithm = digest.begin().key();
            s.digestHex = digest.begin().value().toString();
        }
        v.subjects.append(s);
    }
    const QJsonObject sj = json.value(QStringLiteral("signer")).toObject();
    v.signer.subject = sj.value(QStringLiteral("subject")).toString();
    v.signer.issuer = sj.value(QStringLiteral("issuer")).toString();
    v.signer.keyFingerprint = sj.value(QStringLiteral("keyFingerprint")).toString();
    v.signer.algorithm = sj.value(QStringLiteral("algorithm")).toString();
    v.signer.anchorLabel = sj.value(QStringLiteral("anchorLabel")).toString();
    v.signer.anchorRole = sj.value(QStringLiteral("anchorRole")).toString();
    v.signer.anchorFingerprint = sj.value(QStringLiteral("anchorFingerprint")).toString();
    for (const QJsonValue p : sj.value(QStringLiteral("anchorProviders")).toArray())
        v.signer.anchorProviders.append(p.toString());
    v.signer.san = sj.value(QStringLiteral("san")).toString();
    v.signer.oidcIssuer = sj.value(QStringLiteral("oidcIssuer")).toString();
    if (auto t = parseTimestamp(sj.value(QStringLiteral("signingTime")).toString()))
        v.signer.signingTime = *t;
    if (auto t = parseTimestamp(json.value(QStringLiteral("validationTime")).toString()))
        v.validationTime = *t;
    return v;
}

} // namespace capaudit
