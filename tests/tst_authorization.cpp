// SPDX-License-Identifier: GPL-3.0-or-later
// Who may say what: signer.authorized over real signed bundles. A trusted signature is not enough; the anchor's role
// and scope must cover the statement's claim, and a pinned keyless identity must match the signer certificate.
#include "crypto/certificatebuilder.h"
#include "evidence/authorization.h"
#include "evidence/bundlewriter.h"
#include "evidence/verifier.h"
#include "testpki.h"
#include "testsupport.h"
#include "verdictcheck.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace capaudit;
using capaudit::test::describe;
using capaudit::test::findCheck;
using capaudit::test::TestPki;
using capaudit::test::utc;

namespace {

constexpr auto kFulcioIssuerV2 = "1.3.6.1.4.1.57264.1.8";
constexpr auto kFulcioIssuerV1 = "1.3.6.1.4.1.57264.1.1";

QByteArray derUtf8(const QByteArray& text)
{
    return QByteArray(1, char(0x0C)) + char(text.size()) + text; // short form: the test strings are < 128 bytes
}

TrustAnchor rootAnchor(const TestPki& pki, const QString& role, const QStringList& providers,
    const SignerIdentity& identity = {}, const crypto::Certificate& certificate = {})
{
    const crypto::Certificate& root = certificate.isNull() ? pki.root : certificate;
    auto anchor = TrustStore::anchorFromBytes(
        pki.name.toLower().replace(u' ', u'-') + QStringLiteral("-root.pem"), root.toPem(), pki.name, role);
    if (!anchor)
        qFatal("%s", qPrintable(anchor.error().toString()));
    anchor->providers = providers;
    anchor->identity = identity;
    return *anchor;
}

Verdict verifyWith(const QString& bundle, const QList<TrustAnchor>& anchors)
{
    auto store = TrustStore::fromAnchors(anchors);
    if (!store)
        qFatal("%s", qPrintable(store.error().toString()));
    return BundleVerifier(*store).verify(bundle);
}

void writeText(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(bytes);
}

} // namespace

class TestAuthorization : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    TestPki m_a, m_b, m_meter, m_fulcio;
    int m_bundles = 0;

    // A bundle of KIND for PROVIDER with METER (telemetry only; empty: absent), signed by PKI's signer.
    QString bundle(const TestPki& pki, BundleKind kind, const QString& provider, const QString& meter = {},
        const std::optional<std::pair<crypto::PrivateKey, crypto::Certificate>>& leaf = std::nullopt)
    {
        BundleSpec s;
        s.kind = kind;
        s.predicate = QJsonObject { { QStringLiteral("provider"), provider } };
        if (!meter.isEmpty())
            s.predicate.insert(QStringLiteral("meter"), meter);
        s.files = { { QStringLiteral("usage.csv"), QByteArrayLiteral("time,node\n2026-01-01T00:00:00Z,n1\n") } };
        s.key = leaf ? leaf->first : pki.signerKey;
        s.chain = { leaf ? leaf->second : pki.signer, pki.intermediate };
        s.signedAt = utc("2026-02-01T00:00:00Z");
        const QString out = m_dir.filePath(QStringLiteral("bundle-%1").arg(++m_bundles));
        const Status written = writeBundle(s, out);
        if (!written)
            qFatal("%s", qPrintable(written.error().toString()));
        return out;
    }

    // A keyless-style signer certificate under m_fulcio: empty subject, an e-mail SAN and OIDC issuer extensions.
    std::pair<crypto::PrivateKey, crypto::Certificate> keylessSigner(
        const QString& email, const QByteArray& issuerV2, const QByteArray& issuerV1 = {})
    {
        crypto::PrivateKey key = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        crypto::CertificateRequest leaf;
        leaf.emails = { email };
        leaf.notBefore = utc("2025-06-01T00:00:00Z"); // long-lived: validity is not what these tests are about
        leaf.notAfter = utc("2035-01-01T00:00:00Z");
        if (!issuerV2.isEmpty())
            leaf.rawExtensions.append({ kFulcioIssuerV2, derUtf8(issuerV2) });
        if (!issuerV1.isEmpty())
            leaf.rawExtensions.append({ kFulcioIssuerV1, issuerV1 });
        auto cert = crypto::issueCertificate(leaf, key.publicKey(), m_fulcio.intermediateKey, m_fulcio.intermediate);
        if (!cert)
            qFatal("%s", qPrintable(cert.error().toString()));
        return { key, *cert };
    }

    // The standard trust store: each provider root scoped to itself, the meter scoped to Provider A.
    QList<TrustAnchor> scopedStore() const
    {
        return { rootAnchor(m_a, QLatin1String(roles::kProvider), { QStringLiteral("Provider A") }),
            rootAnchor(m_b, QLatin1String(roles::kProvider), { QStringLiteral("Provider B") }),
            rootAnchor(m_meter, QLatin1String(roles::kIndependentMeter), { QStringLiteral("Provider A") }) };
    }

    static void expectRejected(const Verdict& v, const QStringList& reasonParts)
    {
        QVERIFY2(v.verdict == VerdictKind::Rejected, qPrintable(describe(v)));
        const Check* c = findCheck(v, checks::kAuthorized);
        QVERIFY(c);
        QCOMPARE(c->status, CheckStatus::Fail);
        for (const QString& part : reasonParts)
            QVERIFY2(c->reason.contains(part), qPrintable(part + QStringLiteral(" not in: ") + c->reason));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_a = TestPki::create(QStringLiteral("Provider A"));
        m_b = TestPki::create(QStringLiteral("Provider B"));
        m_meter = TestPki::create(QStringLiteral("Meter"));
        m_fulcio = TestPki::create(QStringLiteral("Fulcio"));
    }

    void authorizedEvidenceVerifies_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("meter");
        QTest::newRow("telemetry, meter absent") << int(BundleKind::Telemetry) << QString();
        QTest::newRow("telemetry, meter provider") << int(BundleKind::Telemetry) << QStringLiteral("provider");
        QTest::newRow("billing") << int(BundleKind::Billing) << QString();
        QTest::newRow("attestation") << int(BundleKind::Attestation) << QString();
    }

    void authorizedEvidenceVerifies()
    {
        QFETCH(int, kind);
        QFETCH(QString, meter);
        const Verdict v = verifyWith(bundle(m_a, BundleKind(kind), QStringLiteral("Provider A"), meter), scopedStore());
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QCOMPARE(findCheck(v, checks::kAuthorized)->status, CheckStatus::Pass);
        QCOMPARE(v.signer.anchorProviders, QStringList { QStringLiteral("Provider A") });
        QCOMPARE(v.signer.anchorFingerprint, m_a.root.publicKey().fingerprint());
        // Round trip through the stored verdict JSON.
        const Verdict back = Verdict::fromJson(v.toJson());
        QCOMPARE(back.signer.anchorProviders, v.signer.anchorProviders);
        QCOMPARE(back.signer.anchorFingerprint, v.signer.anchorFingerprint);
    }

    void independentMeterInScopeVerifies()
    {
        const Verdict v = verifyWith(
            bundle(m_meter, BundleKind::Telemetry, QStringLiteral("Provider A"), QStringLiteral("independent")),
            scopedStore());
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QCOMPARE(findCheck(v, checks::kAuthorized)->status, CheckStatus::Pass);
        QCOMPARE(authorizedMeter(QStringLiteral("independent"), v), QStringLiteral("independent"));
    }

    void providerCannotSpeakForAnotherProvider()
    {
        // Provider A's trusted key signs telemetry about Provider B: it would charge B with A's findings.
        const Verdict v =
            verifyWith(bundle(m_a, BundleKind::Telemetry, QStringLiteral("Provider B"), QStringLiteral("provider")),
                scopedStore());
        expectRejected(v,
            { QStringLiteral("anchor 'Provider A'"), QStringLiteral("role provider"),
                QStringLiteral("scope 'Provider A'"), QStringLiteral("'Provider B'") });
        const QString hint = findCheck(v, checks::kAuthorized)->hint;
        QVERIFY2(hint.contains(QStringLiteral("capaudit-cli trust add CASE provider-a-root.pem --label 'Provider A' "
                                              "--role provider --provider 'Provider A' --provider 'Provider B'")),
            qPrintable(hint));
        QVERIFY(v.summary().contains(QLatin1String(checks::kAuthorized)));
    }

    void providerCannotClaimIndependentMetering()
    {
        // A provider re-signing its own telemetry as "independent" would silence evidence.assurance.
        const Verdict v =
            verifyWith(bundle(m_a, BundleKind::Telemetry, QStringLiteral("Provider A"), QStringLiteral("independent")),
                scopedStore());
        expectRejected(v,
            { QStringLiteral("anchor 'Provider A'"), QStringLiteral("independent-meter"),
                QStringLiteral("independently metered") });
        QVERIFY(findCheck(v, checks::kAuthorized)->hint.contains(QStringLiteral("--role independent-meter")));
    }

    void independentMeterOutsideItsScope()
    {
        const Verdict outside = verifyWith(
            bundle(m_meter, BundleKind::Telemetry, QStringLiteral("Provider B"), QStringLiteral("independent")),
            scopedStore());
        expectRejected(outside,
            { QStringLiteral("anchor 'Meter'"), QStringLiteral("role independent-meter"),
                QStringLiteral("scope 'Provider A'"), QStringLiteral("'Provider B'") });
        // Nor may the meter sign telemetry as if it were the provider's own.
        const Verdict asProvider =
            verifyWith(bundle(m_meter, BundleKind::Telemetry, QStringLiteral("Provider A"), QStringLiteral("provider")),
                scopedStore());
        expectRejected(asProvider, { QStringLiteral("needs role provider") });
    }

    void auditorAndLogAnchorsAuthorizeNoProviderEvidence_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<int>("kind");
        for (const char* role : { roles::kAuditor, roles::kTransparencyLog })
            for (BundleKind kind : { BundleKind::Telemetry, BundleKind::Billing, BundleKind::Attestation })
                QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(role), bundleKindName(kind))))
                    << QString::fromLatin1(role) << int(kind);
    }

    void auditorAndLogAnchorsAuthorizeNoProviderEvidence()
    {
        QFETCH(QString, role);
        QFETCH(int, kind);
        // Even scoped to the provider, these roles never speak for it.
        const Verdict v = verifyWith(bundle(m_a, BundleKind(kind), QStringLiteral("Provider A")),
            { rootAnchor(m_a, role, { QStringLiteral("Provider A") }) });
        expectRejected(v, { QStringLiteral("role ") + role, QStringLiteral("never authorizes provider evidence") });
    }

    void unscopedAnchorAuthorizesNothing()
    {
        // A directory trust store without anchors.json: trusted, but for no provider.
        const QString trust = m_dir.filePath(QStringLiteral("bare-trust"));
        QDir().mkpath(trust);
        writeText(trust + QStringLiteral("/root.pem"), m_a.root.toPem());
        auto store = TrustStore::loadDirectory(trust);
        QVERIFY(store);
        const Verdict v =
            BundleVerifier(*store).verify(bundle(m_a, BundleKind::Telemetry, QStringLiteral("Provider A")));
        expectRejected(v, { QStringLiteral("no role"), QStringLiteral("scope no provider") });
        QVERIFY(findCheck(v, checks::kAuthorized)
                    ->hint.contains(QStringLiteral("--role provider --provider 'Provider A'")));
    }

    void pinnedKeyScope()
    {
        auto key = TrustStore::anchorFromBytes(QStringLiteral("signer.pub"), m_a.signerKey.publicKey().toPem(),
            QStringLiteral("A key"), QLatin1String(roles::kProvider));
        QVERIFY(key);
        key->providers = { QStringLiteral("Provider A") };
        BundleSpec s;
        s.kind = BundleKind::Billing;
        s.predicate = QJsonObject { { QStringLiteral("provider"), QStringLiteral("Provider A") } };
        s.files = { { QStringLiteral("focus.csv"), QByteArrayLiteral("x\n") } };
        s.key = m_a.signerKey;
        const QString inScope = m_dir.filePath(QStringLiteral("pinned-a"));
        QVERIFY(writeBundle(s, inScope));
        s.predicate.insert(QStringLiteral("provider"), QStringLiteral("Provider B"));
        const QString outOfScope = m_dir.filePath(QStringLiteral("pinned-b"));
        QVERIFY(writeBundle(s, outOfScope));
        const Verdict ok = verifyWith(inScope, { *key });
        QVERIFY2(ok.verdict == VerdictKind::Verified, qPrintable(describe(ok)));
        expectRejected(
            verifyWith(outOfScope, { *key }), { QStringLiteral("anchor 'A key'"), QStringLiteral("'Provider B'") });
    }

    void untrustedSignerIsNotJudged()
    {
        const Verdict v = verifyWith(bundle(m_a, BundleKind::Telemetry, QStringLiteral("Provider B")),
            { rootAnchor(m_b, QLatin1String(roles::kProvider), { QStringLiteral("Provider B") }) });
        QVERIFY2(v.verdict == VerdictKind::Untrusted, qPrintable(describe(v)));
        QCOMPARE(findCheck(v, checks::kAuthorized)->status, CheckStatus::Skipped);
        // And an untrusted bundle's claim to be independent is not believed.
        QCOMPARE(authorizedMeter(QStringLiteral("independent"), v), QStringLiteral("provider"));
    }

    void keylessIdentityPin()
    {
        const SignerIdentity pin { QStringLiteral("alice@example.com"),
            QStringLiteral("https://accounts.example.com") };
        const QList<TrustAnchor> store { rootAnchor(
            m_fulcio, QLatin1String(roles::kProvider), { QStringLiteral("Provider A") }, pin) };
        // The identity the anchor pins: verified, and shown (keyless certificates have no subject DN).
        const Verdict ok = verifyWith(bundle(m_fulcio, BundleKind::Telemetry, QStringLiteral("Provider A"), {},
                                          keylessSigner(pin.san, pin.issuer.toUtf8())),
            store);
        QVERIFY2(ok.verdict == VerdictKind::Verified, qPrintable(describe(ok)));
        QCOMPARE(ok.signer.san, pin.san);
        QCOMPARE(ok.signer.oidcIssuer, pin.issuer);
        QCOMPARE(ok.signer.subject, QString());
        QCOMPARE(ok.signer.displayName(), QStringLiteral("alice@example.com (via https://accounts.example.com)"));
        const Verdict back = Verdict::fromJson(ok.toJson());
        QCOMPARE(back.signer.san, pin.san);
        QCOMPARE(back.signer.oidcIssuer, pin.issuer);

        // The legacy issuer extension (raw string) is read when the v2 one is absent.
        const Verdict legacy = verifyWith(bundle(m_fulcio, BundleKind::Telemetry, QStringLiteral("Provider A"), {},
                                              keylessSigner(pin.san, {}, pin.issuer.toUtf8())),
            store);
        QVERIFY2(legacy.verdict == VerdictKind::Verified, qPrintable(describe(legacy)));

        // Another identity from the same CA, or the same e-mail from another issuer: rejected.
        expectRejected(verifyWith(bundle(m_fulcio, BundleKind::Telemetry, QStringLiteral("Provider A"), {},
                                      keylessSigner(QStringLiteral("mallory@example.com"), pin.issuer.toUtf8())),
                           store),
            { QStringLiteral("'mallory@example.com'"), QStringLiteral("pins 'alice@example.com'") });
        expectRejected(verifyWith(bundle(m_fulcio, BundleKind::Telemetry, QStringLiteral("Provider A"), {},
                                      keylessSigner(pin.san, "https://evil.example.com")),
                           store),
            { QStringLiteral("OIDC issuer is 'https://evil.example.com'") });
        expectRejected(verifyWith(bundle(m_fulcio, BundleKind::Telemetry, QStringLiteral("Provider A"), {},
                                      keylessSigner(pin.san, {})),
                           store),
            { QStringLiteral("OIDC issuer is absent") });
    }

    void anchorsJsonCarriesScopeAndIdentity()
    {
        const QString trust = m_dir.filePath(QStringLiteral("scoped-trust"));
        m_a.writeTrustStore(trust, true, QStringList { QStringLiteral("Provider A"), QStringLiteral("Aurora") });
        auto store = TrustStore::loadDirectory(trust);
        QVERIFY2(store, qPrintable(store ? QString() : store.error().toString()));
        for (const TrustAnchor& a : store->anchors()) {
            QCOMPARE(a.role, QStringLiteral("provider"));
            QCOMPARE(a.providers, (QStringList { QStringLiteral("Provider A"), QStringLiteral("Aurora") }));
        }
        // Saved and loaded again: the scope and a pinned identity survive.
        QList<TrustAnchor> anchors = store->anchors();
        anchors[0].identity = { QStringLiteral("https://ci.example/workflow"),
            QStringLiteral("https://token.example") };
        const QString saved = m_dir.filePath(QStringLiteral("saved-trust"));
        QVERIFY(TrustStore::fromAnchors(anchors)->saveDirectory(saved));
        auto reloaded = TrustStore::loadDirectory(saved);
        QVERIFY2(reloaded, qPrintable(reloaded ? QString() : reloaded.error().toString()));
        QCOMPARE(reloaded->anchors().first().identity, anchors.first().identity);
        QCOMPARE(reloaded->anchors().first().providers, anchors.first().providers);
    }

    void anchorsJsonErrorsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown role") << QByteArray(R"({"role":"provder"})") << QStringLiteral("anchors/root.pem/role")
                                      << QStringLiteral("unknown role 'provder'");
        QTest::newRow("misspelt providers")
            << QByteArray(R"({"role":"provider","provider":["A"]})") << QStringLiteral("anchors/root.pem/provider")
            << QStringLiteral("unknown key");
        QTest::newRow("providers not a list")
            << QByteArray(R"({"role":"provider","providers":"A"})") << QStringLiteral("anchors/root.pem/providers")
            << QStringLiteral("array of provider names");
        QTest::newRow("empty provider") << QByteArray(R"({"role":"provider","providers":[" "]})")
                                        << QStringLiteral("anchors/root.pem/providers") << QStringLiteral("empty");
        QTest::newRow("identity field") << QByteArray(R"({"role":"provider","identity":{"email":"a@b"}})")
                                        << QStringLiteral("anchors/root.pem/identity/email")
                                        << QStringLiteral("only the strings");
    }

    void anchorsJsonErrorsNameTheField()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, field);
        QFETCH(QString, reason);
        const QString trust =
            m_dir.filePath(QStringLiteral("bad-trust-") + QString::fromLatin1(QTest::currentDataTag()));
        QDir().mkpath(trust);
        writeText(trust + QStringLiteral("/root.pem"), m_a.root.toPem());
        writeText(trust + QStringLiteral("/anchors.json"), R"({"anchors":{"root.pem":)" + entry + "}}");
        auto store = TrustStore::loadDirectory(trust);
        QVERIFY(!store);
        QVERIFY2(store.error().file.endsWith(QLatin1String("anchors.json")), qPrintable(store.error().toString()));
        QCOMPARE(store.error().field, field);
        QVERIFY2(store.error().reason.contains(reason), qPrintable(store.error().toString()));
    }

    void identityOnlyOnCertificates()
    {
        auto key = TrustStore::anchorFromBytes(QStringLiteral("k.pub"), m_a.signerKey.publicKey().toPem(),
            QStringLiteral("k"), QLatin1String(roles::kProvider));
        QVERIFY(key);
        key->identity = { QStringLiteral("a@b"), {} };
        const Status s = TrustStore::checkScope(*key, QStringLiteral("anchors.json"), QStringLiteral("anchors/k.pub"));
        QVERIFY(!s);
        QCOMPARE(s.error().field, QStringLiteral("anchors/k.pub/identity"));
    }
};

QTEST_GUILESS_MAIN(TestAuthorization)
#include "tst_authorization.moc"
