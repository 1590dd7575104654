// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/digest.h"
#include "crypto/merkle.h"
#include "crypto/signature.h"
#include "crypto/signednote.h"
#include "sigstore/bundle.h"
#include "sigstore/dsse.h"
#include "sigstore/tlog.h"
#include "sigstore/trustedroot.h"
#include "sigstore/verifier.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTest>

using namespace capaudit;
using namespace capaudit::sigstore;

namespace {

const QString kDefaultIdentity =
    QStringLiteral("https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/"
                   "extremely-dangerous-oidc-beacon.yml@refs/heads/main");
const QString kDefaultIssuer = QStringLiteral("https://token.actions.githubusercontent.com");

// The pinned "now" keeps results independent of the wall clock: later than every bundle in the suite.
const QDateTime kNow = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC);

QString conformanceDir()
{
    return test::testVector(QStringLiteral("sigstore-conformance"));
}

QString readText(const QString& path)
{
    return QString::fromUtf8(test::readAll(path)).trimmed();
}

// For failure cases: the check that must be the one to fail (prefix match on the id), so a case cannot
// "pass" by failing for an unrelated reason. Cases not listed only need to fail.
const QHash<QString, QString>& expectedFailures()
{
    static const QHash<QString, QString> cases = {
        { QStringLiteral("bundle-empty-certificate-chain_fail"), QStringLiteral("bundle.parse") },
        { QStringLiteral("bundle-from-wrong-instance_fail"), QStringLiteral("tlog[0].log") },
        { QStringLiteral("bundle-invalid-base64-signature_fail"), QStringLiteral("bundle.parse") },
        { QStringLiteral("bundle-malformed-json_fail"), QStringLiteral("bundle.parse") },
        { QStringLiteral("bundle-negative-log-index_fail"), QStringLiteral("bundle.parse") },
        { QStringLiteral("bundle-unknown-version_fail"), QStringLiteral("bundle.parse") },
        { QStringLiteral("bundle-with-root-cert_fail"), QStringLiteral("bundle.material") },
        { QStringLiteral("checkpoint-bad-keyhint_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("checkpoint-wrong-roothash_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("dsse-invalid-sig_fail"), QStringLiteral("artifact.signature") },
        { QStringLiteral("dsse-mismatch-envelope_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("dsse-mismatch-sig_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("inclusion-proof-corrupted-hash_fail"), QStringLiteral("tlog[0].inclusion") },
        { QStringLiteral("incorrect-public-key_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("integrated-time-in-future_fail"), QStringLiteral("cert.validity") },
        { QStringLiteral("intoto-expired-certificate_fail"), QStringLiteral("cert.validity") },
        { QStringLiteral("intoto-log-entry-mismatch_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("intoto-missing-inclusion-proof_fail"), QStringLiteral("tlog[0].inclusion") },
        { QStringLiteral("intoto-set-outside-signing-cert-validity_fail"), QStringLiteral("cert.validity") },
        { QStringLiteral("intoto-tsa-timestamp-outside-cert-validity_fail"), QStringLiteral("cert.validity") },
        { QStringLiteral("invalid-checkpoint-signature_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("invalid-ct-key_fail"), QStringLiteral("cert.sct") },
        { QStringLiteral("invalid-inclusion-proof_fail"), QStringLiteral("tlog[0].inclusion") },
        { QStringLiteral("managed-key-no-key_fail"), QStringLiteral("signer.key") },
        { QStringLiteral("managed-key-wrong-key_fail"), QStringLiteral("key.parse") }, // key.pub is corrupted
        { QStringLiteral("message-digest-mismatch_fail"), QStringLiteral("artifact.digest") },
        { QStringLiteral("rekor2-checkpoint-missing-log-signature_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("rekor2-checkpoint-missing-origin_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("rekor2-checkpoint-missing-root-hash_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("rekor2-checkpoint-missing-size_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("rekor2-checkpoint-no-matching-signature_fail"), QStringLiteral("tlog[0].checkpoint") },
        { QStringLiteral("rekor2-dsse-invalid-sig_fail"), QStringLiteral("artifact.signature") },
        { QStringLiteral("rekor2-dsse-mismatch-envelope_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("rekor2-dsse-mismatch-sig_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("rekor2-no-inclusion-proof_fail"), QStringLiteral("tlog[0].inclusion") },
        { QStringLiteral("rekor2-no-timestamp_fail"), QStringLiteral("signing.time") },
        { QStringLiteral("rekor2-timestamp-outside-trust-root-tsa-validity_fail"),
            QStringLiteral("timestamp.rfc3161") },
        { QStringLiteral("rekor2-timestamp-outside-tsa-cert-validity_fail"), QStringLiteral("timestamp.rfc3161") },
        { QStringLiteral("rekor2-timestamp-payload-mismatch_fail"), QStringLiteral("timestamp.rfc3161") },
        { QStringLiteral("rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail"),
            QStringLiteral("timestamp.rfc3161") },
        { QStringLiteral("rekor2-timestamp-untrusted-tsa-without-embedded-cert_fail"),
            QStringLiteral("timestamp.rfc3161") },
        { QStringLiteral("rekor2-timestamp-with-incorrect-time_fail"), QStringLiteral("cert.validity") },
        { QStringLiteral("set-invalid-signature_fail"), QStringLiteral("tlog[0].set") },
        { QStringLiteral("signature-mismatch_fail"), QStringLiteral("artifact.signature") },
        { QStringLiteral("trust-root-tlog-missing-validity-start_fail"), QStringLiteral("trustroot.parse") },
        { QStringLiteral("wrong-hashedrekord-artifact_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("wrong-hashedrekord-cert-and-sig_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("wrong-hashedrekord-entry_fail"), QStringLiteral("tlog[0].body") },
        { QStringLiteral("wrong-material_fail"), QStringLiteral("artifact.signature") },
    };
    return cases;
}

struct Outcome {
    bool ok = false;
    QString stage; // "bundle", "trusted root", "verify"
    QString detail;
    QStringList failedIds;
};

Outcome runCase(const QString& dir)
{
    Outcome outcome;
    const QString bundlePath = dir + QStringLiteral("/bundle.sigstore.json");
    auto bundle = parseSigstoreBundle(test::readAll(bundlePath), bundlePath);
    if (!bundle) {
        outcome.stage = QStringLiteral("bundle");
        outcome.detail = bundle.error().toString();
        outcome.failedIds.append(QStringLiteral("bundle.parse"));
        return outcome;
    }
    QString rootPath = dir + QStringLiteral("/trusted_root.json");
    if (!QFile::exists(rootPath))
        rootPath = conformanceDir() + QStringLiteral("/trusted_root.public_good.json");
    auto trusted = parseTrustedRoot(test::readAll(rootPath), rootPath);
    if (!trusted) {
        outcome.stage = QStringLiteral("trusted root");
        outcome.detail = trusted.error().toString();
        outcome.failedIds.append(QStringLiteral("trustroot.parse"));
        return outcome;
    }
    QString artifactPath = dir + QStringLiteral("/artifact");
    if (!QFile::exists(artifactPath))
        artifactPath = conformanceDir() + QStringLiteral("/a.txt");

    SigstoreOptions options;
    options.now = kNow;
    if (QFile::exists(dir + QStringLiteral("/key.pub"))) {
        auto key = crypto::PublicKey::fromPem(test::readAll(dir + QStringLiteral("/key.pub")));
        if (!key) {
            outcome.stage = QStringLiteral("key");
            outcome.detail = key.error().toString();
            outcome.failedIds.append(QStringLiteral("key.parse"));
            return outcome;
        }
        options.pinnedKey = *key;
    } else {
        options.expectedIdentity = QFile::exists(dir + QStringLiteral("/identity"))
            ? readText(dir + QStringLiteral("/identity"))
            : kDefaultIdentity;
        options.expectedIssuer =
            QFile::exists(dir + QStringLiteral("/issuer")) ? readText(dir + QStringLiteral("/issuer")) : kDefaultIssuer;
    }
    const SigstoreVerification result =
        verifySigstoreBundle(*bundle, *trusted, SigstoreArtifact::fromBytes(test::readAll(artifactPath)), options);
    outcome.ok = result.ok;
    outcome.stage = QStringLiteral("verify");
    QStringList lines;
    for (const SigstoreCheck& check : result.checks) {
        lines.append(QStringLiteral("  %1 %2: %3").arg(sigstoreCheckStatusName(check.status), check.id, check.reason));
        if (check.failed())
            outcome.failedIds.append(check.id);
    }
    outcome.detail = lines.join(u'\n');
    return outcome;
}

// A small transparency log of our own (what the demo generator builds): a hashedrekord entry for ARTIFACT signed
// by SIGNER, at index 2 of a 5-entry log whose checkpoint LOGKEY signs under ORIGIN.
struct DemoLog {
    SigstoreBundle bundle;
    LogKey log;
    crypto::PrivateKey logKey;
    crypto::PrivateKey signer;
    QByteArray artifact = "metered usage 2026-11\n";
};

DemoLog makeDemoLog(crypto::KeyType logKeyType)
{
    DemoLog demo;
    demo.logKey = *crypto::PrivateKey::generate(logKeyType);
    demo.signer = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
    const QByteArray signature = *crypto::sign(demo.signer, demo.artifact);
    const QByteArray body =
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":{\"algorithm\":"
        "\"sha256\",\"value\":\""
        + crypto::sha256(demo.artifact).toHex() + "\"}},\"signature\":{\"content\":\"" + signature.toBase64()
        + "\",\"publicKey\":{\"content\":\"" + demo.signer.publicKey().toPem().toBase64() + "\"}}}}";
    const QList<QByteArray> leaves = { "a", "b", body, "d", "e" };
    const QByteArray root = crypto::merkleRootHash(leaves);
    const QString origin = QStringLiteral("log.capaudit.example");

    TlogEntry entry;
    entry.logIndex = 2;
    entry.logId = crypto::sha256(demo.logKey.publicKey().spkiDer());
    entry.kind = QStringLiteral("hashedrekord");
    entry.kindVersion = QStringLiteral("0.0.1");
    entry.canonicalizedBody = body;
    InclusionProof proof;
    proof.logIndex = 2;
    proof.treeSize = leaves.size();
    proof.rootHash = root;
    proof.hashes = crypto::merkleInclusionProof(leaves, 2);
    proof.checkpoint = *crypto::signNote(origin.toUtf8() + "\n5\n" + root.toBase64() + "\n", origin, demo.logKey);
    entry.inclusionProof = proof;

    demo.bundle.fileName = QStringLiteral("demo.sigstore.json");
    demo.bundle.materialKind = MaterialKind::PublicKey;
    demo.bundle.messageSignature =
        MessageSignature { crypto::HashAlgorithm::Sha256, crypto::sha256(demo.artifact), signature };
    demo.bundle.tlogEntries.append(entry);

    demo.log.key = demo.logKey.publicKey();
    demo.log.logId = entry.logId;
    demo.log.origin = origin;
    demo.log.validity.start = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC);
    return demo;
}

QString failures(const QList<SigstoreCheck>& checks)
{
    QStringList out;
    for (const SigstoreCheck& check : checks) {
        if (check.failed())
            out.append(check.id + QStringLiteral(": ") + check.reason);
    }
    return out.join(u'\n');
}

bool failedWith(const QList<SigstoreCheck>& checks, const char* checkId)
{
    return std::any_of(checks.begin(), checks.end(),
        [&](const SigstoreCheck& c) { return c.failed() && c.id == QLatin1String(checkId); });
}

} // namespace

class TestSigstore : public QObject {
    Q_OBJECT

    int m_passed = 0;
    int m_total = 0;

private slots:
    void cleanupTestCase()
    {
        // Every case runs: RFC 3161 timestamps, SCTs and Rekor v2 checkpoints are all verified offline.
        qInfo("sigstore-conformance: %d of %d cases gave the expected result", m_passed, m_total);
    }

    void dssePaeVector()
    {
        // DSSE protocol.md example.
        QCOMPARE(dssePae("http://example.com/HelloWorld", "hello world"),
            QByteArray("DSSEv1 29 http://example.com/HelloWorld 11 hello world"));
        QCOMPARE(dssePae("", ""), QByteArray("DSSEv1 0  0 "));
    }

    void setPayloadIsCanonical()
    {
        TlogEntry entry;
        entry.canonicalizedBody = "{}";
        entry.integratedTime = 1700000000;
        entry.logId = QByteArray::fromHex("c0d23d6a");
        entry.logIndex = 42;
        QCOMPARE(signedEntryTimestampPayload(entry),
            QByteArray("{\"body\":\"e30=\",\"integratedTime\":1700000000,\"logID\":\"c0d23d6a\",\"logIndex\":42}"));
    }

    void demoLogEntry_data()
    {
        QTest::addColumn<int>("keyType");
        QTest::newRow("Ed25519 log key") << int(crypto::KeyType::Ed25519);
        QTest::newRow("ECDSA log key") << int(crypto::KeyType::EcP256);
    }
    void demoLogEntry()
    {
        QFETCH(int, keyType);
        const DemoLog demo = makeDemoLog(crypto::KeyType(keyType));
        TlogExpectations expected;
        expected.artifactSha256 = crypto::sha256(demo.artifact);
        expected.signerKey = demo.signer.publicKey();
        const TlogEntry& entry = demo.bundle.tlogEntries.first();

        const QList<SigstoreCheck> good = verifyTlogEntry(entry, { demo.log }, demo.bundle, expected);
        QVERIFY2(!anyFailed(good), qPrintable(failures(good)));

        // The whole bundle verifies with the signer pinned, and without it fails.
        TrustedRoot trusted;
        trusted.tlogs = { demo.log };
        SigstoreOptions options;
        options.pinnedKey = demo.signer.publicKey();
        const SigstoreVerification full =
            verifySigstoreBundle(demo.bundle, trusted, SigstoreArtifact::fromBytes(demo.artifact), options);
        QVERIFY2(full.ok, qPrintable(full.summary()));
        QVERIFY(!verifySigstoreBundle(demo.bundle, trusted, SigstoreArtifact::fromBytes("other"), options).ok);
        QVERIFY(!verifySigstoreBundle(demo.bundle, trusted, SigstoreArtifact::fromBytes(demo.artifact), {}).ok);
        const SigstoreVerification byDigest = verifySigstoreBundle(
            demo.bundle, trusted, SigstoreArtifact::fromSha256(crypto::sha256(demo.artifact)), options);
        QVERIFY2(byDigest.ok, qPrintable(byDigest.summary()));

        LogKey otherOrigin = demo.log;
        otherOrigin.origin = QStringLiteral("other.example");
        QVERIFY(failedWith(verifyTlogEntry(entry, { otherOrigin }, demo.bundle, expected), tlogcheck::kCheckpoint));

        LogKey otherKey = demo.log;
        otherKey.key = crypto::PrivateKey::generate(crypto::KeyType(keyType))->publicKey();
        QVERIFY(failedWith(verifyTlogEntry(entry, { otherKey }, demo.bundle, expected), tlogcheck::kCheckpoint));

        QVERIFY(failedWith(verifyTlogEntry(entry, {}, demo.bundle, expected), tlogcheck::kLog));

        TlogEntry moved = entry;
        moved.inclusionProof->logIndex = 3;
        QVERIFY(failedWith(verifyTlogEntry(moved, { demo.log }, demo.bundle, expected), tlogcheck::kInclusion));

        TlogExpectations otherArtifact = expected;
        otherArtifact.artifactSha256 = crypto::sha256("other");
        QVERIFY(failedWith(verifyTlogEntry(entry, { demo.log }, demo.bundle, otherArtifact), tlogcheck::kBody));

        TlogExpectations otherSigner = expected;
        otherSigner.signerKey = crypto::PrivateKey::generate(crypto::KeyType::EcP256)->publicKey();
        QVERIFY(failedWith(verifyTlogEntry(entry, { demo.log }, demo.bundle, otherSigner), tlogcheck::kBody));

        LogKey expired = demo.log;
        expired.validity.end = QDateTime(QDate(2021, 1, 1), QTime(0, 0), Qt::UTC);
        TlogEntry timed = entry;
        timed.integratedTime = QDateTime(QDate(2025, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QVERIFY(failedWith(verifyTlogEntry(timed, { expired }, demo.bundle, expected), tlogcheck::kLog));
    }

    void bundleParseErrors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("field");
        const QByteArray sig = R"("messageSignature":{"signature":"MEUCIQ=="})";
        QTest::newRow("no media type") << QByteArray("{}") << QStringLiteral("mediaType");
        QTest::newRow("v0.3 chain") << QByteArray(
            R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",)"
            R"("verificationMaterial":{"x509CertificateChain":{"certificates":[]}},)"
            + sig + "}") << QStringLiteral("verificationMaterial.x509CertificateChain");
        QTest::newRow("two materials") << QByteArray(
            R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",)"
            R"("verificationMaterial":{"publicKey":{"hint":"x"},"certificate":{"rawBytes":"AA=="}},)"
            + sig + "}") << QStringLiteral("verificationMaterial");
        QTest::newRow("no content") << QByteArray(R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",)"
                                                  R"("verificationMaterial":{"publicKey":{"hint":"x"}}})")
                                    << QStringLiteral("content");
        QTest::newRow("two DSSE signatures") << QByteArray(
            R"({"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json","verificationMaterial":{"publicKey":{}},)"
            R"("dsseEnvelope":{"payload":"e30=","payloadType":"application/vnd.in-toto+json",)"
            R"("signatures":[{"sig":"AA=="},{"sig":"AQ=="}]}})")
                                             << QStringLiteral("dsseEnvelope.signatures");
    }
    void bundleParseErrors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, field);
        auto bundle = parseSigstoreBundle(json, QStringLiteral("b.json"));
        QVERIFY(!bundle.ok());
        QCOMPARE(bundle.error().file, QStringLiteral("b.json"));
        QCOMPARE(bundle.error().field, field);
    }

    void trustedRootParsing()
    {
        const QString path = conformanceDir() + QStringLiteral("/trusted_root.public_good.json");
        auto trusted = parseTrustedRoot(test::readAll(path), path);
        QVERIFY2(trusted.ok(), qPrintable(trusted.error().toString()));
        QCOMPARE(trusted->tlogs.size(), 1);
        QCOMPARE(trusted->tlogs.first().origin, QStringLiteral("rekor.sigstore.dev"));
        QCOMPARE(trusted->tlogs.first().logId, crypto::sha256(trusted->tlogs.first().key.spkiDer()));
        QVERIFY(trusted->tlogs.first().validity.contains(QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC)));
        QVERIFY(!trusted->tlogs.first().validity.contains(QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC)));
        QCOMPARE(trusted->certificateAuthorities.size(), 2);
        QVERIFY(trusted->certificateAuthorities.first().validity.end.has_value());
        QCOMPARE(trusted->ctlogs.size(), 2);
        QCOMPARE(trusted->timestampAuthorities.size(), 1);

        // The closed interval includes its end.
        TimeRange range { QDateTime(QDate(2024, 1, 1), QTime(0, 0), Qt::UTC),
            QDateTime(QDate(2024, 2, 1), QTime(0, 0), Qt::UTC) };
        QVERIFY(range.contains(*range.end));
        QVERIFY(!range.contains(range.end->addSecs(1)));
    }

    void conformance_data()
    {
        QTest::addColumn<QString>("dir");
        const QDir root(conformanceDir());
        const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        QVERIFY2(!cases.isEmpty(), "sigstore-conformance cases not found under shared/");
        for (const QString& name : cases)
            QTest::newRow(qPrintable(name)) << root.filePath(name);
    }
    void conformance()
    {
        QFETCH(QString, dir);
        const QString name = QFileInfo(dir).fileName();
        ++m_total;
        const bool shouldPass = !name.endsWith(QStringLiteral("_fail"));
        const Outcome outcome = runCase(dir);
        const QString message =
            QStringLiteral("%1 expected to %2, %3 at stage %4:\n%5")
                .arg(name, shouldPass ? QStringLiteral("pass") : QStringLiteral("fail"),
                    outcome.ok ? QStringLiteral("passed") : QStringLiteral("failed"), outcome.stage, outcome.detail);
        QVERIFY2(outcome.ok == shouldPass, qPrintable(message));
        if (qEnvironmentVariableIsSet("CAPAUDIT_SIGSTORE_TRACE"))
            qInfo("%s: %s | %s", qPrintable(name), qPrintable(outcome.failedIds.join(QStringLiteral(", "))),
                qPrintable(outcome.detail));
        if (!shouldPass && expectedFailures().contains(name)) {
            const QString want = expectedFailures().value(name);
            const bool rightReason = std::any_of(outcome.failedIds.begin(), outcome.failedIds.end(),
                [&](const QString& id) { return id.startsWith(want); });
            QVERIFY2(rightReason,
                qPrintable(QStringLiteral("expected %1 to fail, got: %2\n%3")
                               .arg(want, outcome.failedIds.join(QStringLiteral(", ")), outcome.detail)));
        }
        ++m_passed;
    }
};

QTEST_GUILESS_MAIN(TestSigstore)
#include "tst_sigstore.moc"
