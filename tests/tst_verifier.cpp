// SPDX-License-Identifier: GPL-3.0-or-later
// The bundle verifier end to end: real signed bundles, trust stores, and a sweep of tampering.
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "crypto/signednote.h"
#include "evidence/bundlewriter.h"
#include "evidence/dsse.h"
#include "evidence/tlogproof.h"
#include "evidence/verifier.h"
#include "testpki.h"
#include "testsupport.h"
#include "verdictcheck.h"

#include <QDir>
#include <QDirIterator>
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

void writeBytes(const QString& path, const QByteArray& bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(bytes);
}

QStringList filesUnder(const QString& root)
{
    QStringList out;
    QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(root).relativeFilePath(it.next()));
    out.sort();
    return out;
}

bool copyTree(const QString& from, const QString& to)
{
    for (const QString& f : filesUnder(from)) {
        QDir().mkpath(QFileInfo(to + QLatin1Char('/') + f).absolutePath());
        if (!QFile::copy(from + QLatin1Char('/') + f, to + QLatin1Char('/') + f))
            return false;
    }
    return true;
}

} // namespace

class TestVerifier : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    TestPki m_pki;
    TestPki m_otherPki;
    QString m_trust, m_otherTrust, m_bundle;
    std::optional<TrustStore> m_store;

    BundleSpec spec() const
    {
        BundleSpec s;
        s.kind = BundleKind::Telemetry;
        s.predicate = QJsonObject { { QStringLiteral("provider"), QStringLiteral("Provider A") } };
        s.files = { { QStringLiteral("usage.csv"), QByteArrayLiteral("time,node\n2026-01-01T00:00:00Z,n1\n") },
            { QStringLiteral("metrics/scrape.prom"), QByteArrayLiteral("up 1 1767225600000\n") } };
        s.key = m_pki.signerKey;
        s.chain = { m_pki.signer, m_pki.intermediate };
        s.signedAt = utc("2026-02-01T00:00:00Z");
        return s;
    }

    Verdict verify(const QString& path, const QString& trust = {}) const
    {
        auto store = TrustStore::loadDirectory(trust.isEmpty() ? m_trust : trust);
        if (!store)
            qFatal("%s", qPrintable(store.error().toString()));
        return BundleVerifier(*store).verify(path);
    }

    QString freshCopy(const QString& name)
    {
        const QString copy = m_dir.filePath(name);
        QDir(copy).removeRecursively();
        if (!copyTree(m_bundle, copy))
            qFatal("copy failed");
        return copy;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pki = TestPki::create(QStringLiteral("Provider A"));
        m_otherPki = TestPki::create(QStringLiteral("Other Provider"));
        m_trust = m_dir.filePath(QStringLiteral("trust"));
        m_otherTrust = m_dir.filePath(QStringLiteral("other-trust"));
        m_pki.writeTrustStore(m_trust);
        m_otherPki.writeTrustStore(m_otherTrust);
        m_bundle = m_dir.filePath(QStringLiteral("bundle"));
        const Status written = writeBundle(spec(), m_bundle);
        QVERIFY2(written.ok(), qPrintable(written.error().toString()));
    }

    void dsseSpecVector()
    {
        // The DSSE protocol's own test vector, through the project's envelope and PAE code.
        const QByteArray pae = dssePae("http://example.com/HelloWorld", "hello world");
        QCOMPARE(pae, QByteArrayLiteral("DSSEv1 29 http://example.com/HelloWorld 11 hello world"));
        const QByteArray envelope =
            R"({"payload":"aGVsbG8gd29ybGQ=","payloadType":"http://example.com/HelloWorld",)"
            R"("signatures":[{"keyid":"","sig":"A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA=="}]})";
        auto parsed = parseDsseEnvelope(envelope, QStringLiteral("vector.json"));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error().toString()));
        QCOMPARE(parsed->payload, QByteArrayLiteral("hello world"));
        const auto key =
            decimalPointKey("46950820868899156662930047687818585632848591499744589407958293238635476079160",
                "5640078356564379163099075877009565129882514886557779369047442380624545832820");
        QVERIFY(!key.isNull());
        const crypto::SignatureResult ok = crypto::verifySignature(
            key, dssePae(parsed->payloadType, parsed->payload), parsed->signatures[0].signature);
        QVERIFY2(ok.ok(), qPrintable(ok.reason));
        const crypto::SignatureResult bad =
            crypto::verifySignature(key, dssePae(parsed->payloadType, "hello worle"), parsed->signatures[0].signature);
        QVERIFY(!bad.ok());
    }

    void verifiedBundle()
    {
        const Verdict v = verify(m_bundle);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QCOMPARE(v.kind, BundleKind::Telemetry);
        QCOMPARE(v.subjects.size(), 2);
        QCOMPARE(v.signer.subject, m_pki.signer.subject());
        QCOMPARE(v.signer.keyFingerprint, m_pki.signerKey.publicKey().fingerprint());
        QCOMPARE(v.signer.signingTime, utc("2026-02-01T00:00:00Z"));
        QVERIFY(v.signer.algorithm.contains(QLatin1String("P-256")));
        QCOMPARE(v.bundleDigest.size(), 64);
        for (const char* id : { checks::kLayout, checks::kEnvelope, checks::kSignature, checks::kStatement,
                 checks::kSubjects, checks::kUnsignedFiles, checks::kChain, checks::kValidity, checks::kTrust })
            QVERIFY2(findCheck(v, id) && findCheck(v, id)->status == CheckStatus::Pass, id);
        QCOMPARE(findCheck(v, checks::kTransparency)->status, CheckStatus::Skipped);
    }

    void bundleDigestIsReproducibleWithSha256sum()
    {
        QByteArray manifest;
        for (const QString& f : filesUnder(m_bundle))
            manifest +=
                crypto::sha256Hex(test::readAll(m_bundle + QLatin1Char('/') + f)).toLatin1() + "  " + f.toUtf8() + '\n';
        QCOMPARE(verify(m_bundle).bundleDigest, crypto::sha256Hex(manifest));
    }

    void archivesVerifyLikeDirectories_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::newRow("tar") << QStringLiteral(".tar");
        QTest::newRow("tar.gz") << QStringLiteral(".tar.gz");
        QTest::newRow("zip") << QStringLiteral(".zip");
        QTest::newRow("capbundle") << QStringLiteral(".capbundle");
    }
    void archivesVerifyLikeDirectories()
    {
        QFETCH(QString, extension);
        const QString out = m_dir.filePath(QStringLiteral("archived") + extension);
        BundleSpec s = spec();
        const Status written = writeBundle(s, out);
        QVERIFY2(written.ok(), qPrintable(written.error().toString()));
        const Verdict v = verify(out);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
    }

    void otherTrustStoreIsUntrusted()
    {
        const Verdict v = verify(m_bundle, m_otherTrust);
        QVERIFY2(v.verdict == VerdictKind::Untrusted, qPrintable(describe(v)));
        QCOMPARE(findCheck(v, checks::kChain)->status, CheckStatus::Fail);
        QVERIFY(findCheck(v, checks::kChain)->reason.contains(QLatin1String("untrusted root")));
        QVERIFY(!findCheck(v, checks::kChain)->hint.isEmpty());
        QCOMPARE(findCheck(v, checks::kSubjects)->status, CheckStatus::Pass);
        QCOMPARE(findCheck(v, checks::kSignature)->status, CheckStatus::Pass);
    }

    void pinnedKeySigner()
    {
        BundleSpec s = spec();
        s.chain.clear();
        const QString out = m_dir.filePath(QStringLiteral("pinned"));
        QVERIFY(writeBundle(s, out).ok());
        const QString pinnedTrust = m_dir.filePath(QStringLiteral("pinned-trust"));
        m_pki.writeTrustStore(pinnedTrust, true);
        const Verdict v = verify(out, pinnedTrust);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QVERIFY(v.signer.subject.contains(QLatin1String("pinned key")));
        // Without the pinned key nothing can check the signature: rejected, with the reason and a remedy.
        const Verdict unknown = verify(out, m_trust);
        QVERIFY2(unknown.verdict == VerdictKind::Rejected, qPrintable(describe(unknown)));
        QVERIFY(!findCheck(unknown, checks::kSignature)->hint.isEmpty());
    }

    void expiredCertificate()
    {
        auto [key, cert] = m_pki.issueSigner(
            QStringLiteral("Expired Signer"), utc("2025-06-01T00:00:00Z"), utc("2025-12-31T00:00:00Z"));
        BundleSpec s = spec();
        s.key = key;
        s.chain = { cert, m_pki.intermediate };
        s.signedAt = utc("2026-01-15T00:00:00Z");
        const QString out = m_dir.filePath(QStringLiteral("expired"));
        QVERIFY(writeBundle(s, out).ok());
        const Verdict v = verify(out);
        QVERIFY2(v.verdict == VerdictKind::Rejected, qPrintable(describe(v)));
        const Check* validity = findCheck(v, checks::kValidity);
        QCOMPARE(validity->status, CheckStatus::Fail);
        QVERIFY2(validity->reason.contains(QLatin1String("2025-12-31")), qPrintable(validity->reason));
        QVERIFY(validity->hint.contains(QLatin1String("--at")));
        // With a verification time inside the validity the same certificate is fine (--at), but the claimed
        // signing time still lies outside it.
        auto store = TrustStore::loadDirectory(m_trust);
        BundleVerifier atVerifier(*store);
        atVerifier.setVerificationTime(utc("2025-07-01T00:00:00Z"));
        const Verdict atVerdict = atVerifier.verify(out);
        QCOMPARE(atVerdict.verdict, VerdictKind::Rejected);
        QVERIFY(findCheck(atVerdict, checks::kValidity)->reason.contains(QLatin1String("claims signing")));
    }

    void missingAddedAndSwappedFiles_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("failedCheck");
        QTest::addColumn<QString>("reasonWords");
        QTest::newRow("delete data file") << "delete:data/usage.csv" << checks::kSubjects << "missing file";
        QTest::newRow("add data file") << "add:data/extra.csv" << checks::kUnsignedFiles << "unsigned file";
        QTest::newRow("add top-level file") << "add:notes.txt" << checks::kLayout << "outside data/";
        QTest::newRow("delete envelope") << "delete:envelope.dsse.json" << checks::kLayout << "no signature";
        QTest::newRow("delete chain") << "delete:certs/chain.pem" << checks::kSignature << "pinned keys";
        QTest::newRow("swap certificate") << "swap-cert" << checks::kSignature << "does not match";
        QTest::newRow("swap signature") << "swap-sig" << checks::kSignature << "does not match";
        QTest::newRow("empty signatures") << "no-sig" << checks::kSignaturePresent << "no signature";
        QTest::newRow("rename data file") << "rename" << checks::kSubjects << "missing file";
    }
    void missingAddedAndSwappedFiles()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, failedCheck);
        QFETCH(QString, reasonWords);
        const QString b = freshCopy(QStringLiteral("mutated"));
        const QString arg = mutation.section(QLatin1Char(':'), 1);
        if (mutation.startsWith(QLatin1String("delete:"))) {
            QVERIFY(QFile::remove(b + QLatin1Char('/') + arg));
        } else if (mutation.startsWith(QLatin1String("add:"))) {
            writeBytes(b + QLatin1Char('/') + arg, "sneaked in\n");
        } else if (mutation == u"swap-cert") {
            auto other = m_pki.issueSigner(
                QStringLiteral("Provider A Evidence Signer"), utc("2025-06-01T00:00:00Z"), utc("2035-01-01T00:00:00Z"));
            writeBytes(b + QStringLiteral("/certs/chain.pem"), other.second.toPem() + m_pki.intermediate.toPem());
        } else if (mutation == u"swap-sig" || mutation == u"no-sig") {
            auto env = parseDsseEnvelope(test::readAll(b + QStringLiteral("/envelope.dsse.json")), {});
            QVERIFY(env.ok());
            if (mutation == u"no-sig") {
                env->signatures.clear();
            } else {
                BundleSpec other = spec();
                other.predicate.insert(QStringLiteral("provider"), QStringLiteral("Provider B"));
                const QByteArray otherStatement = buildStatement(other);
                env->signatures[0].signature =
                    *crypto::sign(m_pki.signerKey, dssePae(env->payloadType, otherStatement));
            }
            writeBytes(b + QStringLiteral("/envelope.dsse.json"), env->toJson());
        } else if (mutation == u"rename") {
            QVERIFY(QFile::rename(b + QStringLiteral("/data/usage.csv"), b + QStringLiteral("/data/usage2.csv")));
        }
        const Verdict v = verify(b);
        QVERIFY2(v.verdict == VerdictKind::Rejected, qPrintable(describe(v)));
        const Check* c = findCheck(v, failedCheck.toLatin1().constData());
        QVERIFY2(c && c->status == CheckStatus::Fail, qPrintable(describe(v)));
        QVERIFY2(c->reason.contains(reasonWords), qPrintable(c->reason));
    }

    // Flip one bit of every byte of every metadata file, and of sampled bytes of every payload file: each must be
    // rejected, naming the check that caught it.
    void everySingleByteFlipIsRejected()
    {
        const QString b = freshCopy(QStringLiteral("flip"));
        int flips = 0;
        for (const QString& f : filesUnder(m_bundle)) {
            const QString path = b + QLatin1Char('/') + f;
            const QByteArray original = test::readAll(path);
            QList<qsizetype> positions;
            if (f.startsWith(QLatin1String("data/"))) {
                positions = { 0, original.size() / 2, original.size() - 1 };
            } else {
                for (qsizetype i = 0; i < original.size(); ++i)
                    positions.append(i);
            }
            for (qsizetype pos : positions) {
                QByteArray mutated = original;
                mutated[pos] = static_cast<char>(mutated[pos] ^ 0x01);
                writeBytes(path, mutated);
                const Verdict v = verify(b);
                const Check* failed = v.firstFailure();
                QVERIFY2(v.verdict == VerdictKind::Rejected && failed && !failed->reason.isEmpty(),
                    qPrintable(QStringLiteral("%1 byte %2: %3").arg(f).arg(pos).arg(describe(v))));
                ++flips;
            }
            writeBytes(path, original);
        }
        qInfo("%d single-byte flips, all rejected", flips);
        QVERIFY(verify(b).verdict == VerdictKind::Verified);
    }

    void transparencyProof()
    {
        auto logKey = crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
        QVERIFY(logKey.ok());
        const QString origin = QStringLiteral("capaudit.test/log");
        TransparencyLogWriter log(origin, *logKey);
        const QString b = freshCopy(QStringLiteral("logged"));
        const QByteArray envelope = test::readAll(b + QStringLiteral("/envelope.dsse.json"));
        log.append(utc("2026-01-01T00:00:00Z"), "other entry 1");
        const quint64 leaf = log.append(utc("2026-02-01T00:05:00Z"), envelope);
        log.append(utc("2026-02-02T00:00:00Z"), "other entry 2");
        auto proof = log.proof(leaf);
        QVERIFY2(proof.ok(), qPrintable(proof.error().toString()));
        writeBytes(b + QStringLiteral("/tlog/proof.json"), proof->toJson());

        // Without the log key: intact but the log is unknown -> untrusted.
        const Verdict unknownLog = verify(b);
        QVERIFY2(unknownLog.verdict == VerdictKind::Untrusted, qPrintable(describe(unknownLog)));

        const QString trust = m_dir.filePath(QStringLiteral("trust-with-log"));
        m_pki.writeTrustStore(trust);
        writeBytes(trust + QStringLiteral("/log.pub"), logKey->publicKey().toPem());
        writeBytes(trust + QStringLiteral("/anchors.json"),
            QJsonDocument(
                QJsonObject { { QStringLiteral("anchors"),
                    QJsonObject { { QStringLiteral("log.pub"),
                                      QJsonObject { { QStringLiteral("label"), QStringLiteral("Test log") },
                                          { QStringLiteral("role"), QStringLiteral("transparency-log") },
                                          { QStringLiteral("origin"), origin } } },
                        { QStringLiteral("root.pem"),
                            QJsonObject { { QStringLiteral("role"), QStringLiteral("provider") },
                                { QStringLiteral("providers"), QJsonArray { QStringLiteral("Provider A") } } } } } } })
                .toJson());
        const Verdict v = verify(b, trust);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QCOMPARE(findCheck(v, checks::kTransparency)->status, CheckStatus::Pass);
        QCOMPARE(v.signer.signingTime, utc("2026-02-01T00:05:00Z"));

        // A proof for another envelope, or a forged checkpoint, is rejected.
        auto wrongLeaf = log.proof(0);
        writeBytes(b + QStringLiteral("/tlog/proof.json"), wrongLeaf->toJson());
        QCOMPARE(verify(b, trust).verdict, VerdictKind::Rejected);
        auto otherKey = crypto::PrivateKey::generate(crypto::KeyType::Ed25519);
        TransparencyLogWriter forged(origin, *otherKey);
        forged.append(utc("2026-02-01T00:05:00Z"), envelope);
        writeBytes(b + QStringLiteral("/tlog/proof.json"), forged.proof(0)->toJson());
        const Verdict forgedVerdict = verify(b, trust);
        QVERIFY2(forgedVerdict.verdict == VerdictKind::Rejected, qPrintable(describe(forgedVerdict)));
    }

    void sigstoreEnvelope()
    {
        // The same evidence, wrapped as a Sigstore v0.2 bundle with the certificate chain as verification material.
        const QString b = freshCopy(QStringLiteral("sigstore"));
        auto env = parseDsseEnvelope(test::readAll(b + QStringLiteral("/envelope.dsse.json")), {});
        QVERIFY(env.ok());
        QJsonArray certs;
        for (const crypto::Certificate& c : { m_pki.signer, m_pki.intermediate })
            certs.append(QJsonObject { { QStringLiteral("rawBytes"), QString::fromLatin1(c.toDer().toBase64()) } });
        const QJsonObject bundle { { QStringLiteral("mediaType"),
                                       QStringLiteral("application/vnd.dev.sigstore.bundle+json;version=0.2") },
            { QStringLiteral("verificationMaterial"),
                QJsonObject { { QStringLiteral("x509CertificateChain"),
                                  QJsonObject { { QStringLiteral("certificates"), certs } } },
                    { QStringLiteral("tlogEntries"), QJsonArray() } } },
            { QStringLiteral("dsseEnvelope"),
                QJsonObject { { QStringLiteral("payload"), QString::fromLatin1(env->payload.toBase64()) },
                    { QStringLiteral("payloadType"), QString::fromUtf8(env->payloadType) },
                    { QStringLiteral("signatures"),
                        QJsonArray { QJsonObject {
                            { QStringLiteral("sig"), QString::fromLatin1(env->signatures[0].signature.toBase64()) },
                            { QStringLiteral("keyid"), QString() } } } } } } };
        QVERIFY(QFile::remove(b + QStringLiteral("/envelope.dsse.json")));
        QVERIFY(QFile::remove(b + QStringLiteral("/certs/chain.pem")));
        writeBytes(b + QStringLiteral("/envelope.sigstore.json"), QJsonDocument(bundle).toJson());
        const Verdict v = verify(b);
        QVERIFY2(v.verdict == VerdictKind::Verified, qPrintable(describe(v)));
        QCOMPARE(v.signer.subject, m_pki.signer.subject());
        QCOMPARE(verify(b, m_otherTrust).verdict, VerdictKind::Untrusted);
        writeBytes(b + QStringLiteral("/data/usage.csv"), "changed\n");
        const Verdict tampered = verify(b);
        QCOMPARE(tampered.verdict, VerdictKind::Rejected);
        QCOMPARE(findCheck(tampered, checks::kSubjects)->status, CheckStatus::Fail);
    }

    void weakKeyIsRefused()
    {
        auto rsa = crypto::PrivateKey::generate(crypto::KeyType::Rsa, 1024);
        if (!rsa)
            QSKIP("this OpenSSL refuses to generate 1024-bit RSA keys");
        BundleSpec s = spec();
        s.key = *rsa;
        s.chain.clear();
        const QString out = m_dir.filePath(QStringLiteral("weak"));
        QVERIFY(writeBundle(s, out).ok());
        const QString trust = m_dir.filePath(QStringLiteral("weak-trust"));
        QDir().mkpath(trust);
        writeBytes(trust + QStringLiteral("/weak.pub"), rsa->publicKey().toPem());
        const Verdict v = verify(out, trust);
        QVERIFY2(v.verdict == VerdictKind::Rejected, qPrintable(describe(v)));
        QVERIFY2(describe(v).contains(QLatin1String("2048")), qPrintable(describe(v)));
    }

    void verdictJsonRoundTrip()
    {
        const Verdict v = verify(m_bundle);
        const Verdict back = Verdict::fromJson(v.toJson());
        QCOMPARE(back.toJson(), v.toJson());
    }

private:
    static crypto::PublicKey decimalPointKey(const char* x, const char* y);
};

crypto::PublicKey TestVerifier::decimalPointKey(const char* x, const char* y)
{
    // Decimal -> 32-byte big-endian, via repeated division (no bignum dependency in the test).
    const auto toBytes = [](QByteArray decimal) {
        QByteArray out(32, '\0');
        for (int byte = 31; byte >= 0; --byte) {
            int remainder = 0;
            QByteArray quotient;
            for (char c : decimal) {
                const int cur = remainder * 10 + (c - '0');
                if (!quotient.isEmpty() || cur / 256)
                    quotient.append(static_cast<char>('0' + cur / 256));
                remainder = cur % 256;
            }
            out[byte] = static_cast<char>(remainder);
            decimal = quotient.isEmpty() ? QByteArray("0") : quotient;
        }
        return out;
    };
    const QByteArray spki =
        QByteArray::fromHex("3059301306072a8648ce3d020106082a8648ce3d03010703420004") + toBytes(x) + toBytes(y);
    auto key = crypto::PublicKey::fromDer(spki);
    return key ? *key : crypto::PublicKey();
}

QTEST_GUILESS_MAIN(TestVerifier)
#include "tst_verifier.moc"
