// SPDX-License-Identifier: GPL-3.0-or-later
// Sigstore bundles as CapAudit evidence (envelope.sigstore.json): which times may judge a signer certificate.
// Only a time some signature covers may do that; an unsigned integratedTime is a claim of whoever wrote the file.
#include "archive/bundlesource.h"
#include "crypto/digest.h"
#include "crypto/merkle.h"
#include "crypto/signature.h"
#include "crypto/signednote.h"
#include "evidence/bundlewriter.h"
#include "evidence/dsse.h"
#include "evidence/logevidence.h"
#include "evidence/verifier.h"
#include "sigstore/bundle.h"
#include "sigstore/tlog.h"
#include "sigstore/verifier.h"
#include "testpki.h"
#include "testsupport.h"
#include "util/jsonutil.h"
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

const QString kOrigin = QStringLiteral("rekor.capaudit.example");

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

// What a Rekor v1 log would hold for the envelope: a dsse 0.0.1 entry at index 1 of a 3-entry tree, with the
// checkpoint signed by LOGKEY and, when SIGNPROMISE, a signed entry timestamp over INTEGRATED.
struct LoggedEnvelope {
    QJsonObject entry;
    sigstore::TlogEntry parsed;
};

LoggedEnvelope logEnvelope(const DsseEnvelope& envelope, const crypto::Certificate& signer,
    const crypto::PrivateKey& logKey, qint64 integrated, bool signPromise)
{
    const QJsonObject canonical { { QStringLiteral("payload"), b64(envelope.payload) },
        { QStringLiteral("payloadType"), QString::fromUtf8(envelope.payloadType) },
        { QStringLiteral("signatures"),
            QJsonArray { QJsonObject { { QStringLiteral("sig"), b64(envelope.signatures[0].signature) } } } } };
    const QJsonObject spec { { QStringLiteral("envelopeHash"),
                                 QJsonObject { { QStringLiteral("algorithm"), QStringLiteral("sha256") },
                                     { QStringLiteral("value"), crypto::sha256Hex(canonicalJson(canonical)) } } },
        { QStringLiteral("payloadHash"),
            QJsonObject { { QStringLiteral("algorithm"), QStringLiteral("sha256") },
                { QStringLiteral("value"), crypto::sha256Hex(envelope.payload) } } },
        { QStringLiteral("signatures"),
            QJsonArray { QJsonObject { { QStringLiteral("signature"), b64(envelope.signatures[0].signature) },
                { QStringLiteral("verifier"), b64(signer.toPem()) } } } } };
    const QByteArray body = canonicalJson(QJsonObject { { QStringLiteral("apiVersion"), QStringLiteral("0.0.1") },
        { QStringLiteral("kind"), QStringLiteral("dsse") }, { QStringLiteral("spec"), spec } });
    const QList<QByteArray> leaves = { "first entry", body, "third entry" };
    const QByteArray root = crypto::merkleRootHash(leaves);
    const QByteArray checkpoint =
        *crypto::signNote(kOrigin.toUtf8() + "\n3\n" + root.toBase64() + "\n", kOrigin, logKey);
    QJsonArray hashes;
    for (const QByteArray& h : crypto::merkleInclusionProof(leaves, 1))
        hashes.append(b64(h));

    LoggedEnvelope out;
    out.parsed.logIndex = 1;
    out.parsed.logId = crypto::sha256(logKey.publicKey().spkiDer());
    out.parsed.canonicalizedBody = body;
    out.parsed.integratedTime = integrated;
    out.entry = QJsonObject { { QStringLiteral("logIndex"), QStringLiteral("1") },
        { QStringLiteral("logId"), QJsonObject { { QStringLiteral("keyId"), b64(out.parsed.logId) } } },
        { QStringLiteral("kindVersion"),
            QJsonObject { { QStringLiteral("kind"), QStringLiteral("dsse") },
                { QStringLiteral("version"), QStringLiteral("0.0.1") } } },
        { QStringLiteral("integratedTime"), QString::number(integrated) },
        { QStringLiteral("canonicalizedBody"), b64(body) },
        { QStringLiteral("inclusionProof"),
            QJsonObject { { QStringLiteral("logIndex"), QStringLiteral("1") },
                { QStringLiteral("treeSize"), QStringLiteral("3") }, { QStringLiteral("rootHash"), b64(root) },
                { QStringLiteral("hashes"), hashes },
                { QStringLiteral("checkpoint"),
                    QJsonObject { { QStringLiteral("envelope"), QString::fromUtf8(checkpoint) } } } } } };
    if (signPromise) {
        crypto::SignatureParams params;
        params.hash = crypto::HashAlgorithm::Sha256;
        params.ecdsaEncoding = crypto::EcdsaEncoding::Der;
        const QByteArray set = *crypto::sign(logKey, sigstore::signedEntryTimestampPayload(out.parsed), params);
        out.entry.insert(
            QStringLiteral("inclusionPromise"), QJsonObject { { QStringLiteral("signedEntryTimestamp"), b64(set) } });
    }
    return out;
}

QByteArray sigstoreBundle(
    const DsseEnvelope& envelope, const QList<crypto::Certificate>& chain, const QJsonObject& entry)
{
    QJsonArray certs;
    for (const crypto::Certificate& c : chain)
        certs.append(QJsonObject { { QStringLiteral("rawBytes"), b64(c.toDer()) } });
    const QJsonObject bundle { { QStringLiteral("mediaType"),
                                   QStringLiteral("application/vnd.dev.sigstore.bundle+json;version=0.2") },
        { QStringLiteral("verificationMaterial"),
            QJsonObject {
                { QStringLiteral("x509CertificateChain"), QJsonObject { { QStringLiteral("certificates"), certs } } },
                { QStringLiteral("tlogEntries"), QJsonArray { entry } } } },
        { QStringLiteral("dsseEnvelope"),
            QJsonObject { { QStringLiteral("payload"), b64(envelope.payload) },
                { QStringLiteral("payloadType"), QString::fromUtf8(envelope.payloadType) },
                { QStringLiteral("signatures"),
                    QJsonArray { QJsonObject { { QStringLiteral("sig"), b64(envelope.signatures[0].signature) },
                        { QStringLiteral("keyid"), QString() } } } } } } };
    return QJsonDocument(bundle).toJson();
}

} // namespace

class TestSigstoreEvidence : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    TestPki m_pki;
    crypto::PrivateKey m_logKey;
    crypto::PrivateKey m_signerKey;
    crypto::Certificate m_signer;
    std::optional<TrustStore> m_trust;

    // The signer certificate expired on 2025-06-01; the statement claims signing inside its validity.
    QString writeBundle(const QString& name, qint64 integrated, bool signPromise)
    {
        const QString dir = m_dir.filePath(name);
        BundleSpec spec;
        spec.kind = BundleKind::Telemetry;
        spec.predicate = QJsonObject { { QStringLiteral("provider"), QStringLiteral("Provider A") } };
        spec.files = { { QStringLiteral("usage.csv"), QByteArrayLiteral("time,node\n2025-03-01T00:00:00Z,n1\n") } };
        spec.key = m_signerKey;
        spec.chain = { m_signer, m_pki.intermediate };
        spec.signedAt = utc("2025-03-01T00:00:00Z");
        const Status written = capaudit::writeBundle(spec, dir);
        if (!written.ok())
            qFatal("%s", qPrintable(written.error().toString()));
        auto envelope = parseDsseEnvelope(test::readAll(dir + QStringLiteral("/envelope.dsse.json")), {});
        Q_ASSERT(envelope.ok());
        const LoggedEnvelope logged = logEnvelope(*envelope, m_signer, m_logKey, integrated, signPromise);
        QFile::remove(dir + QStringLiteral("/envelope.dsse.json"));
        QFile::remove(dir + QStringLiteral("/certs/chain.pem"));
        QDir(dir).rmdir(QStringLiteral("certs"));
        QFile out(dir + QStringLiteral("/envelope.sigstore.json"));
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(out.fileName()));
        out.write(sigstoreBundle(*envelope, { m_signer, m_pki.intermediate }, logged.entry));
        return dir;
    }

    Verdict verify(const QString& dir) const
    {
        return BundleVerifier(*m_trust).verify(dir);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pki = TestPki::create(QStringLiteral("Provider A"));
        m_logKey = *crypto::PrivateKey::generate(crypto::KeyType::EcP256);
        std::tie(m_signerKey, m_signer) = m_pki.issueSigner(
            QStringLiteral("Provider A telemetry"), utc("2025-01-01T00:00:00Z"), utc("2025-06-01T00:00:00Z"));
        auto root = TrustStore::anchorFromBytes(QStringLiteral("root.pem"), m_pki.root.toPem(),
            QStringLiteral("Provider A root"), QStringLiteral("provider"));
        auto log = TrustStore::anchorFromBytes(QStringLiteral("rekor.pub"), m_logKey.publicKey().toPem(),
            QStringLiteral("Rekor"), QStringLiteral("transparency-log"), kOrigin);
        QVERIFY2(root.ok() && log.ok(), "anchors");
        root->providers = { QStringLiteral("Provider A") };
        auto trust = TrustStore::fromAnchors({ *root, *log });
        QVERIFY(trust.ok());
        m_trust = *trust;
    }

    void signedIntegratedTimeNeedsAVerifiedPromise()
    {
        const qint64 t = utc("2025-03-01T00:05:00Z").toSecsSinceEpoch();
        auto envelopeBytes = [&] {
            BundleSpec spec;
            spec.predicate = QJsonObject { { QStringLiteral("provider"), QStringLiteral("Provider A") } };
            spec.key = m_signerKey;
            return buildStatement(spec);
        }();
        DsseEnvelope envelope;
        envelope.payloadType = kInTotoPayloadType;
        envelope.payload = envelopeBytes;
        envelope.signatures.append({ {}, *crypto::sign(m_signerKey, dssePae(envelope.payloadType, envelope.payload)) });
        sigstore::LogKey key;
        key.key = m_logKey.publicKey();
        key.logId = crypto::sha256(key.key.spkiDer());
        key.origin = kOrigin;
        key.validity.start = utc("2020-01-01T00:00:00Z");

        for (const bool promise : { true, false }) {
            const LoggedEnvelope logged = logEnvelope(envelope, m_signer, m_logKey, t, promise);
            auto parsed = sigstore::parseSigstoreBundle(
                sigstoreBundle(envelope, { m_signer, m_pki.intermediate }, logged.entry), QStringLiteral("b.json"));
            QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
            const sigstore::TlogEntry& entry = parsed->tlogEntries.first();
            const auto checks = sigstore::verifyTlogEntry(entry, { key }, *parsed);
            QVERIFY(!sigstore::anyFailed(checks));
            const std::optional<QDateTime> time = sigstore::signedIntegratedTime(entry, checks);
            QCOMPARE(time.has_value(), promise);
            if (promise)
                QCOMPARE(time->toSecsSinceEpoch(), t);
            // The standalone Sigstore verifier (conformance path) takes the same view of which times are verified.
            sigstore::TrustedRoot trusted;
            trusted.tlogs = { key };
            const sigstore::SigstoreVerification standalone = sigstore::verifySigstoreBundle(
                *parsed, trusted, sigstore::SigstoreArtifact::fromBytes(envelope.payload), {});
            QCOMPARE(standalone.verifiedTimes.size(), promise ? 1 : 0);

            // Moving the time after the log signed it breaks the promise, so the time is no longer signed.
            sigstore::TlogEntry moved = entry;
            moved.integratedTime = t - 86400;
            QVERIFY(!sigstore::signedIntegratedTime(moved, sigstore::verifyTlogEntry(moved, { key }, *parsed)));
        }
    }

    void unsignedIntegratedTimeDoesNotReviveAnExpiredSigner()
    {
        // Without an inclusion promise the integratedTime is unsigned: certificates are judged at "now", where the
        // signer expired long ago. Editing the time into the validity window must not turn this into "verified".
        const qint64 inside = utc("2025-03-01T00:05:00Z").toSecsSinceEpoch();
        const Verdict unsignedTime = verify(writeBundle(QStringLiteral("no-promise"), inside, false));
        QVERIFY2(unsignedTime.verdict == VerdictKind::Rejected, qPrintable(describe(unsignedTime)));
        QCOMPARE(findCheck(unsignedTime, checks::kTransparency)->status, CheckStatus::Pass);
        QVERIFY(findCheck(unsignedTime, checks::kTransparency)->reason.contains(QLatin1String("not used")));
        QCOMPARE(findCheck(unsignedTime, checks::kValidity)->status, CheckStatus::Fail);
        QVERIFY(!unsignedTime.signer.signingTime.isValid()
            || unsignedTime.signer.signingTime == utc("2025-03-01T00:00:00Z"));

        // The same time under a verified promise is the log's signed word: the certificate was valid then.
        const Verdict signedTime = verify(writeBundle(QStringLiteral("promise"), inside, true));
        QVERIFY2(signedTime.verdict == VerdictKind::Verified, qPrintable(describe(signedTime)));
        QCOMPARE(signedTime.signer.signingTime.toSecsSinceEpoch(), inside);

        // A promise over a time after expiry keeps the bundle rejected.
        const qint64 late = utc("2025-07-01T00:00:00Z").toSecsSinceEpoch();
        const Verdict lateTime = verify(writeBundle(QStringLiteral("late"), late, true));
        QVERIFY2(lateTime.verdict == VerdictKind::Rejected, qPrintable(describe(lateTime)));
    }

    // The checkpoint of a Sigstore entry joins the case's transparency-log history (evidence/logevidence.h): taken
    // from the first entry's inclusion proof once the transparency check passed; Sigstore carries no consistency
    // proofs of its own.
    void checkpointIsKeptForTheLogHistory()
    {
        const QString dir =
            writeBundle(QStringLiteral("history"), utc("2025-03-01T00:05:00Z").toSecsSinceEpoch(), true);
        const Verdict verdict = verify(dir);
        QVERIFY2(verdict.verdict == VerdictKind::Verified, qPrintable(describe(verdict)));
        auto source = BundleSource::open(dir);
        QVERIFY(source);
        const auto logged = bundleLogEvidence(*source, verdict);
        QVERIFY2(logged, qPrintable(logged ? QString() : logged.error().toString()));
        QCOMPARE(logged->checkpoints.size(), 1);
        QCOMPARE(logged->checkpoints.first().origin, kOrigin);
        QCOMPARE(logged->checkpoints.first().treeSize, quint64(3));
        QCOMPARE(logged->checkpoints.first().file, QStringLiteral("envelope.sigstore.json"));
        QVERIFY(logged->checkpoints.first().note.startsWith(kOrigin.toUtf8() + "\n3\n"));
        QVERIFY(logged->proofs.isEmpty());
        // Without a trusted log key the checkpoint vouches for nothing and is not kept.
        Verdict untrusted = verdict;
        for (Check& c : untrusted.checks)
            if (c.id == QLatin1String(checks::kTransparency))
                c.status = CheckStatus::Fail;
        QVERIFY(bundleLogEvidence(*source, untrusted)->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSigstoreEvidence)
#include "tst_sigstoreevidence.moc"
