// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demopki.h"

#include "crypto/certificatebuilder.h"
#include "crypto/digest.h"
#include "demo/splitview.h"

namespace capaudit::demo {

namespace {

QByteArray pem(const char* label, const QByteArray& der)
{
    QByteArray out = QByteArray("-----BEGIN ") + label + "-----\n";
    const QByteArray b64 = der.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        out += b64.mid(i, 64) + '\n';
    return out + "-----END " + label + "-----\n";
}

QDateTime day(const DemoModel& model, int offsetDays)
{
    return model.config.start.addDays(offsetDays);
}

Result<crypto::Certificate> issue(const QString& cn, const QString& org, const QString& country, bool ca, int pathLen,
    const QDateTime& from, const QDateTime& until, quint64 serial, const crypto::PublicKey& subject,
    const crypto::PrivateKey& issuerKey, const crypto::Certificate& issuer, const QStringList& uris = {})
{
    crypto::CertificateRequest req;
    req.commonName = cn;
    req.organization = org;
    req.country = country;
    req.isCa = ca;
    req.pathLength = pathLen;
    req.digitalSignature = !ca;
    req.keyCertSign = ca;
    req.notBefore = from;
    req.notAfter = until;
    req.serial = serial;
    req.uris = uris;
    return crypto::issueCertificate(req, subject, issuerKey, issuer);
}

// Provider algorithms differ on purpose, so the demo exercises every verifier path: ECDSA P-256, a P-384 root, and
// Ed25519.
crypto::KeyType rootType(int provider)
{
    switch (provider % 3) {
    case 0:
        return crypto::KeyType::EcP256;
    case 1:
        return crypto::KeyType::EcP384;
    default:
        return crypto::KeyType::Ed25519;
    }
}

crypto::KeyType leafType(int provider)
{
    return provider % 3 == 2 ? crypto::KeyType::Ed25519 : crypto::KeyType::EcP256;
}

#define DEMO_TRY(var, expr)                                                                                            \
    auto var = (expr);                                                                                                 \
    if (!var.ok())                                                                                                     \
        return var.error();

} // namespace

Result<crypto::PrivateKey> deriveKey(quint64 seed, const QString& label, crypto::KeyType type)
{
    const QByteArray material = QByteArray("capaudit-demo-key\n") + QByteArray::number(seed) + '\n' + label.toUtf8();
    switch (type) {
    case crypto::KeyType::Ed25519: {
        // PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410): any 32 bytes are a valid seed.
        const QByteArray der = QByteArray::fromHex("302e020100300506032b657004220420") + crypto::sha256(material);
        return crypto::PrivateKey::fromPem(pem("PRIVATE KEY", der));
    }
    case crypto::KeyType::EcP256:
    case crypto::KeyType::EcP384: {
        // SEC1 ECPrivateKey without the public point: OpenSSL derives it on load. Clearing the top bit keeps the
        // scalar below the group order.
        const bool p384 = type == crypto::KeyType::EcP384;
        QByteArray scalar = p384 ? crypto::hash(crypto::HashAlgorithm::Sha384, material) : crypto::sha256(material);
        scalar[0] = char(scalar[0] & 0x7f);
        scalar[0] = char(scalar[0] | 0x01);
        const QByteArray oid =
            p384 ? QByteArray::fromHex("06052b81040022") : QByteArray::fromHex("06082a8648ce3d030107");
        QByteArray body = QByteArray::fromHex("020101") + char(0x04) + char(scalar.size()) + scalar + char(0xa0)
            + char(oid.size()) + oid;
        const QByteArray der = char(0x30) + QByteArray(1, char(body.size())) + body;
        return crypto::PrivateKey::fromPem(pem("EC PRIVATE KEY", der));
    }
    default:
        return Error(QStringLiteral("demo PKI"), 0, label, QStringLiteral("unsupported key type for derivation"));
    }
}

Result<DemoPki> buildPki(const DemoModel& model)
{
    const quint64 seed = model.config.seed;
    DemoPki pki;
    for (const DemoProvider& p : model.providers) {
        const QString org = p.name;
        const QString country = p.regions[0].jurisdiction;
        const quint64 serialBase = 0x1000 + 0x10 * quint64(p.index);
        const QString domain =
            QStringLiteral("https://%1.example/").arg(p.name.toLower().replace(QLatin1Char(' '), QLatin1Char('-')));
        DEMO_TRY(rootKey, deriveKey(seed, p.id + QStringLiteral("/root"), rootType(p.index)));
        DEMO_TRY(interKey, deriveKey(seed, p.id + QStringLiteral("/intermediate"), leafType(p.index)));
        DEMO_TRY(signerKey, deriveKey(seed, p.id + QStringLiteral("/signer"), leafType(p.index)));
        DEMO_TRY(root,
            issue(org + QStringLiteral(" Root CA"), org, country, true, 1, day(model, -600), day(model, 3650),
                serialBase + 1, rootKey->publicKey(), *rootKey, {}));
        DEMO_TRY(inter,
            issue(org + QStringLiteral(" Evidence Issuing CA"), org, country, true, 0, day(model, -500),
                day(model, 2000), serialBase + 2, interKey->publicKey(), *rootKey, *root));
        DEMO_TRY(signer,
            issue(org + QStringLiteral(" Evidence Signer"), org, country, false, -1, day(model, -240), day(model, 730),
                serialBase + 3, signerKey->publicKey(), *interKey, *inter,
                { domain + QStringLiteral("evidence-signer") }));
        ProviderPki pp;
        pp.root = *root;
        pp.signer = { *signerKey, { *signer, *inter } };
        if (p.index == model.faults.expiredProvider) {
            DEMO_TRY(oldKey, deriveKey(seed, p.id + QStringLiteral("/signer-expired"), leafType(p.index)));
            // Valid for a year that ended two months before the demo period: every bundle it signs is out of date.
            DEMO_TRY(old,
                issue(org + QStringLiteral(" Evidence Signer (retired)"), org, country, false, -1, day(model, -430),
                    day(model, -65), serialBase + 4, oldKey->publicKey(), *interKey, *inter,
                    { domain + QStringLiteral("evidence-signer-2025") }));
            pp.expiredSigner = { *oldKey, { *old, *inter } };
        }
        pki.providers.append(pp);
    }
    DEMO_TRY(meterRootKey, deriveKey(seed, QStringLiteral("meter/root"), crypto::KeyType::Ed25519));
    DEMO_TRY(meterKey, deriveKey(seed, QStringLiteral("meter/signer"), crypto::KeyType::Ed25519));
    const QString meterOrg = QStringLiteral("Northgate Metering");
    DEMO_TRY(meterRoot,
        issue(meterOrg + QStringLiteral(" Root CA"), meterOrg, QStringLiteral("NL"), true, 0, day(model, -600),
            day(model, 3650), 0x2001, meterRootKey->publicKey(), *meterRootKey, {}));
    DEMO_TRY(meterCert,
        issue(meterOrg + QStringLiteral(" Meter Signer"), meterOrg, QStringLiteral("NL"), false, -1, day(model, -240),
            day(model, 730), 0x2002, meterKey->publicKey(), *meterRootKey, *meterRoot,
            { QStringLiteral("https://northgate-metering.example/meter") }));
    pki.meterRoot = *meterRoot;
    pki.meter = { *meterKey, { *meterCert } };
    if (model.config.hasFault(FaultKind::LogSplitView)) {
        DEMO_TRY(logKey, deriveKey(seed, QStringLiteral("transparency-log"), crypto::KeyType::Ed25519));
        pki.logKey = *logKey;
    }
    return pki;
}

Result<TrustStore> demoTrustStore(const DemoModel& model, const DemoPki& pki)
{
    QList<TrustAnchor> anchors;
    for (qsizetype i = 0; i < model.providers.size(); ++i) {
        const DemoProvider& p = model.providers[i];
        DEMO_TRY(anchor,
            TrustStore::anchorFromBytes(p.id + QStringLiteral("-root.pem"), pki.providers[i].root.toPem(),
                p.name + QStringLiteral(" root CA"), QLatin1String(roles::kProvider)));
        anchor->providers = { p.name };
        anchors.append(*anchor);
    }
    DEMO_TRY(meter,
        TrustStore::anchorFromBytes(QStringLiteral("meter-root.pem"), pki.meterRoot.toPem(),
            QStringLiteral("Northgate Metering root CA (independent meter)"), QLatin1String(roles::kIndependentMeter)));
    meter->providers = { model.providers.value(kMeteredProvider).name };
    anchors.append(*meter);
    if (!pki.logKey.isNull()) {
        DEMO_TRY(log,
            TrustStore::anchorFromBytes(QStringLiteral("demo-log.pub"), pki.logKey.publicKey().toPem(),
                QStringLiteral("CapAudit demo transparency log"), QLatin1String(roles::kTransparencyLog),
                QLatin1String(kDemoLogOrigin)));
        anchors.append(*log);
    }
    return TrustStore::fromAnchors(anchors);
}

#undef DEMO_TRY

} // namespace capaudit::demo
