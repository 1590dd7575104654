// SPDX-License-Identifier: GPL-3.0-or-later
#include "crypto/certificatebuilder.h"
#include "crypto/chainvalidator.h"
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/x509v3.h>

using namespace capaudit;
using namespace capaudit::crypto;

Q_DECLARE_METATYPE(capaudit::crypto::KeyType)
Q_DECLARE_METATYPE(capaudit::crypto::EcdsaEncoding)
Q_DECLARE_METATYPE(capaudit::crypto::RsaPadding)

namespace {

QDateTime utc(int year, int month, int day)
{
    return QDateTime(QDate(year, month, day), QTime(0, 0), Qt::UTC);
}

PublicKey nativeKey(EVP_PKEY* key)
{
    PublicKey out = PublicKey::fromNative(key);
    EVP_PKEY_free(key);
    return out;
}

// The DSSE protocol.md key, given as decimal affine coordinates.
PublicKey dssePublicKey()
{
    auto coordinate = [](const char* decimal) {
        BIGNUM* bn = nullptr;
        BN_dec2bn(&bn, decimal);
        QByteArray out(32, '\0');
        BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), 32);
        BN_free(bn);
        return out;
    };
    const QByteArray point = QByteArray(1, '\x04')
        + coordinate("46950820868899156662930047687818585632848591499744589407958293238635476079160")
        + coordinate("5640078356564379163099075877009565129882514886557779369047442380624545832820");
    OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
    OSSL_PARAM_BLD_push_utf8_string(builder, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(
        builder, OSSL_PKEY_PARAM_PUB_KEY, point.constData(), static_cast<size_t>(point.size()));
    OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(builder);
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
    EVP_PKEY* key = nullptr;
    if (ctx && EVP_PKEY_fromdata_init(ctx) == 1)
        EVP_PKEY_fromdata(ctx, &key, EVP_PKEY_PUBLIC_KEY, params);
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(builder);
    return nativeKey(key);
}

struct Pki {
    PrivateKey rootKey, intermediateKey, leafKey;
    Certificate root, intermediate, leaf;
};

CertificateRequest caRequest(const QString& name, int pathLength)
{
    CertificateRequest request;
    request.commonName = name;
    request.organization = QStringLiteral("CapAudit Test");
    request.country = QStringLiteral("DE");
    request.isCa = true;
    request.pathLength = pathLength;
    request.digitalSignature = false;
    request.keyCertSign = true;
    request.notBefore = utc(2025, 1, 1);
    request.notAfter = utc(2035, 1, 1);
    return request;
}

CertificateRequest leafRequest()
{
    CertificateRequest request;
    request.commonName = QStringLiteral("Provider A signer");
    request.organization = QStringLiteral("Provider A");
    request.country = QStringLiteral("DE");
    request.notBefore = utc(2026, 1, 1);
    request.notAfter = utc(2026, 3, 1);
    request.serial = 0x1001;
    request.uris = { QStringLiteral("https://provider-a.example/meter,1") };
    request.emails = { QStringLiteral("signer@provider-a.example") };
    return request;
}

Certificate mustIssue(
    const CertificateRequest& request, const PublicKey& subject, const PrivateKey& issuerKey, const Certificate& issuer)
{
    auto cert = issueCertificate(request, subject, issuerKey, issuer);
    if (!cert)
        qFatal("issueCertificate(%s): %s", qPrintable(request.commonName), qPrintable(cert.error().toString()));
    return *cert;
}

PrivateKey mustGenerate(KeyType type, int bits = 2048)
{
    auto key = PrivateKey::generate(type, bits);
    if (!key)
        qFatal("generate: %s", qPrintable(key.error().toString()));
    return *key;
}

Pki makePki(const CertificateRequest& leaf = leafRequest())
{
    Pki pki;
    pki.rootKey = mustGenerate(KeyType::EcP384);
    pki.intermediateKey = mustGenerate(KeyType::EcP256);
    pki.leafKey = mustGenerate(KeyType::EcP256);
    pki.root = mustIssue(caRequest(QStringLiteral("Test Root"), -1), pki.rootKey.publicKey(), pki.rootKey, {});
    pki.intermediate = mustIssue(
        caRequest(QStringLiteral("Test Intermediate"), 0), pki.intermediateKey.publicKey(), pki.rootKey, pki.root);
    pki.leaf = mustIssue(leaf, pki.leafKey.publicKey(), pki.intermediateKey, pki.intermediate);
    return pki;
}

} // namespace

class TestCrypto : public QObject {
    Q_OBJECT

private slots:
    void wycheproof_data();
    void wycheproof();
    void publicKeyEncodings();
    void knownDigests();
    void hashFileMatchesContent();
    void hashNames();
    void dsseSpecVector();
    void strictDerRejectsGarbage();
    void weakAlgorithmsRefused();
    void signRoundTrip_data();
    void signRoundTrip();
    void certificateFields();
    void parsedCertificatesAreKeptByTheirExactText();
    void extensionValues();
    void deterministicIssuance();
    void chainValidates();
    void chainExpired();
    void chainNotYetValid();
    void chainUntrustedRoot();
    void chainPartial();
    void chainRevoked();
    void chainCrlProblems();
    void chainKeyUsage();
};

void TestCrypto::wycheproof_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<EcdsaEncoding>("encoding");
    QTest::addColumn<RsaPadding>("padding");
    QTest::newRow("p256-der") << "ecdsa_secp256r1_sha256_test.json" << EcdsaEncoding::Der << RsaPadding::Auto;
    QTest::newRow("p256-p1363") << "ecdsa_secp256r1_sha256_p1363_test.json" << EcdsaEncoding::P1363 << RsaPadding::Auto;
    QTest::newRow("p384-der") << "ecdsa_secp384r1_sha384_test.json" << EcdsaEncoding::Der << RsaPadding::Auto;
    QTest::newRow("ed25519") << "ed25519_test.json" << EcdsaEncoding::Auto << RsaPadding::Auto;
    QTest::newRow("rsa-pss") << "rsa_pss_2048_sha256_mgf1_32_test.json" << EcdsaEncoding::Auto << RsaPadding::Pss;
    QTest::newRow("rsa-pkcs1") << "rsa_signature_2048_sha256_test.json" << EcdsaEncoding::Auto << RsaPadding::Pkcs1v15;
}

void TestCrypto::wycheproof()
{
    QFETCH(QString, file);
    QFETCH(EcdsaEncoding, encoding);
    QFETCH(RsaPadding, padding);
    const QByteArray text = test::readAll(test::testVector(QStringLiteral("wycheproof/") + file));
    QVERIFY2(!text.isEmpty(), qPrintable(file));
    const QJsonObject root = QJsonDocument::fromJson(text).object();
    const QJsonArray groups = root.value(u"testGroups").toArray();
    QVERIFY(!groups.isEmpty());

    int total = 0, validOk = 0, invalidRejected = 0, acceptableAccepted = 0, acceptableRejected = 0;
    int malformed = 0, mismatch = 0;
    QStringList wrong;
    for (const QJsonValue& groupValue : groups) {
        const QJsonObject group = groupValue.toObject();
        auto key = PublicKey::fromDer(QByteArray::fromHex(group.value(u"publicKeyDer").toString().toLatin1()));
        QVERIFY2(key.ok(), qPrintable(key.error().reason));
        auto fromPem = PublicKey::fromPem(group.value(u"publicKeyPem").toString().toLatin1());
        QVERIFY2(fromPem.ok() && *fromPem == *key, "publicKeyPem and publicKeyDer disagree");

        SignatureParams params;
        params.ecdsaEncoding = encoding;
        params.rsaPadding = padding;
        if (group.contains(u"sha")) {
            params.hash = hashFromName(group.value(u"sha").toString());
            QVERIFY2(params.hash, qPrintable(group.value(u"sha").toString()));
        }
        if (group.contains(u"mgfSha"))
            params.mgf1Hash = hashFromName(group.value(u"mgfSha").toString());
        if (group.contains(u"sLen"))
            params.pssSaltLength = group.value(u"sLen").toVariant().toInt();

        for (const QJsonValue& testValue : group.value(u"tests").toArray()) {
            const QJsonObject tc = testValue.toObject();
            ++total;
            const QByteArray msg = QByteArray::fromHex(tc.value(u"msg").toString().toLatin1());
            const QByteArray sig = QByteArray::fromHex(tc.value(u"sig").toString().toLatin1());
            const QString expected = tc.value(u"result").toString();
            const SignatureResult got = verifySignature(*key, msg, sig, params);
            if (got.outcome == SignatureOutcome::Malformed)
                ++malformed;
            else if (got.outcome == SignatureOutcome::Mismatch)
                ++mismatch;
            const int id = tc.value(u"tcId").toInt();
            if (expected == u"valid") {
                if (got.ok())
                    ++validOk;
                else
                    wrong << QStringLiteral("%1 (valid, got: %2)").arg(id).arg(got.reason);
            } else if (expected == u"invalid") {
                if (!got.ok())
                    ++invalidRejected;
                else
                    wrong << QStringLiteral("%1 (invalid, accepted)").arg(id);
                if (got.outcome == SignatureOutcome::WeakAlgorithm || got.outcome == SignatureOutcome::Unsupported)
                    wrong << QStringLiteral("%1 (refused by policy, not by verification)").arg(id);
            } else if (got.ok()) {
                ++acceptableAccepted;
            } else {
                ++acceptableRejected;
            }
        }
    }
    qInfo("%s: %d tests, %d valid ok, %d invalid rejected, %d acceptable (%d accepted, %d rejected); "
          "rejections: %d malformed, %d mismatch",
        qPrintable(file), total, validOk, invalidRejected, acceptableAccepted + acceptableRejected, acceptableAccepted,
        acceptableRejected, malformed, mismatch);
    QCOMPARE(total, root.value(u"numberOfTests").toInt());
    QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("tcIds: ") + wrong.join(QStringLiteral(", "))));
}

void TestCrypto::publicKeyEncodings()
{
    const PrivateKey key = mustGenerate(KeyType::EcP256);
    const PublicKey pub = key.publicKey();
    QCOMPARE(pub.type(), KeyType::EcP256);
    QCOMPARE(pub.bits(), 256);
    QCOMPARE(pub.description(), QStringLiteral("ECDSA P-256"));
    QCOMPARE(pub.fingerprint(), sha256Hex(pub.spkiDer()));
    auto fromPem = PublicKey::fromPem(pub.toPem());
    QVERIFY(fromPem.ok());
    QVERIFY(*fromPem == pub);
    auto privateAgain = PrivateKey::fromPem(key.toPem());
    QVERIFY(privateAgain.ok());
    QVERIFY(privateAgain->publicKey() == pub);
    QVERIFY(key.toPem().contains("BEGIN PRIVATE KEY"));
    QVERIFY(!(mustGenerate(KeyType::EcP256).publicKey() == pub));

    QByteArray trailing = pub.spkiDer() + QByteArray(1, '\0');
    QVERIFY(!PublicKey::fromDer(trailing).ok());
    QVERIFY(!PublicKey::fromDer("garbage").ok());
    QVERIFY(!PublicKey::fromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ok());
}

void TestCrypto::knownDigests()
{
    QCOMPARE(sha256Hex("abc"), QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    QCOMPARE(sha256Hex(""), QStringLiteral("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    QCOMPARE(hash(HashAlgorithm::Sha384, "abc").toHex(),
        QByteArray("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                   "8086072ba1e7cc2358baeca134c825a7"));
    QCOMPARE(hash(HashAlgorithm::Sha512, "abc").size(), 64);
    Hasher hasher;
    hasher.add("a");
    hasher.add("bc");
    QCOMPARE(hasher.finish(), sha256("abc"));
    hasher.add("abc"); // reset after finish
    QCOMPARE(hasher.finish(), sha256("abc"));
    QVERIFY(equalConstantTime(sha256("x"), sha256("x")));
    QVERIFY(!equalConstantTime(sha256("x"), sha256("y")));
    QVERIFY(!equalConstantTime("ab", "abc"));
}

void TestCrypto::hashFileMatchesContent()
{
    // Larger than the read size and not a multiple of it, so the chunk boundaries are exercised.
    QByteArray content((3 << 20) + 17, Qt::Uninitialized);
    QRandomGenerator generator(42);
    for (char& c : content)
        c = static_cast<char>(generator.bounded(256));
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(content), content.size());
    file.close();
    for (HashAlgorithm algorithm : { HashAlgorithm::Sha256, HashAlgorithm::Sha384, HashAlgorithm::Sha512 }) {
        auto digest = hashFile(file.fileName(), algorithm);
        QVERIFY2(digest.ok(), qPrintable(digest.error().toString()));
        QCOMPARE(*digest, hash(algorithm, content));
    }
    auto missing = hashFile(QStringLiteral("/nonexistent/capaudit.bin"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().file, QStringLiteral("/nonexistent/capaudit.bin"));
}

void TestCrypto::hashNames()
{
    QCOMPARE(hashFromName(u"sha256"), HashAlgorithm::Sha256);
    QCOMPARE(hashFromName(u"SHA2_256"), HashAlgorithm::Sha256);
    QCOMPARE(hashFromName(u"SHA-256"), HashAlgorithm::Sha256);
    QCOMPARE(hashFromName(u"SHA2_384"), HashAlgorithm::Sha384);
    QCOMPARE(hashFromName(u"sha512"), HashAlgorithm::Sha512);
    QVERIFY(!hashFromName(u"sha1"));
    QVERIFY(!hashFromName(u"SHA-224"));
    QVERIFY(!hashFromName(u"md5"));
    QCOMPARE(hashName(HashAlgorithm::Sha384), QStringLiteral("sha384"));
    QCOMPARE(hashSize(HashAlgorithm::Sha512), 64);
}

void TestCrypto::dsseSpecVector()
{
    const PublicKey key = dssePublicKey();
    QVERIFY(!key.isNull());
    QCOMPARE(key.type(), KeyType::EcP256);
    const QByteArray pae = "DSSEv1 29 http://example.com/HelloWorld 11 hello world";
    const QByteArray sig = QByteArray::fromBase64(
        "A3JqsQGtVsJ2O2xqrI5IcnXip5GToJ3F+FnZ+O88SjtR6rDAajabZKciJTfUiHqJPcIAriEGAHTVeCUjW2JIZA==");
    QCOMPARE(sig.size(), 64);
    for (EcdsaEncoding encoding : { EcdsaEncoding::Auto, EcdsaEncoding::P1363 }) {
        SignatureParams params;
        params.ecdsaEncoding = encoding;
        const SignatureResult result = verifySignature(key, pae, sig, params);
        QVERIFY2(result.ok(), qPrintable(result.reason));
        QCOMPARE(result.algorithm, QStringLiteral("ECDSA P-256 / SHA-256 (P1363)"));
    }
    QByteArray flipped = sig;
    flipped[10] = static_cast<char>(flipped[10] ^ 0x01);
    QCOMPARE(verifySignature(key, pae, flipped).outcome, SignatureOutcome::Mismatch);
    QCOMPARE(verifySignature(key, pae + "!", sig).outcome, SignatureOutcome::Mismatch);
    SignatureParams der;
    der.ecdsaEncoding = EcdsaEncoding::Der;
    QCOMPARE(verifySignature(key, pae, sig, der).outcome, SignatureOutcome::Malformed);
}

void TestCrypto::strictDerRejectsGarbage()
{
    const PrivateKey key = mustGenerate(KeyType::EcP256);
    const QByteArray message = "metered";
    auto sig = sign(key, message);
    QVERIFY(sig.ok());
    QVERIFY(verifySignature(key.publicKey(), message, *sig).ok());
    QCOMPARE(
        verifySignature(key.publicKey(), message, *sig + QByteArray(1, '\0')).outcome, SignatureOutcome::Malformed);
    QCOMPARE(
        verifySignature(key.publicKey(), message, sig->left(sig->size() - 1)).outcome, SignatureOutcome::Malformed);
    // Same values with a BER long-form SEQUENCE length.
    QByteArray ber = *sig;
    ber.insert(1, '\x81');
    QCOMPARE(verifySignature(key.publicKey(), message, ber).outcome, SignatureOutcome::Malformed);
    QCOMPARE(verifySignature(key.publicKey(), message, "").outcome, SignatureOutcome::Malformed);
}

void TestCrypto::weakAlgorithmsRefused()
{
    const PrivateKey rsa1024 = mustGenerate(KeyType::Rsa, 1024);
    auto sig = sign(rsa1024, "data");
    QVERIFY(sig.ok());
    const SignatureResult rsa = verifySignature(rsa1024.publicKey(), "data", *sig);
    QCOMPARE(rsa.outcome, SignatureOutcome::WeakAlgorithm);
    QCOMPARE(rsa.reason, QStringLiteral("RSA key of 1024 bits is below the 2048-bit minimum"));
    QCOMPARE(checkKeyPolicy(rsa1024.publicKey()).outcome, SignatureOutcome::WeakAlgorithm);

    const PublicKey k1 = nativeKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "secp256k1"));
    QCOMPARE(k1.type(), KeyType::EcOther);
    const SignatureResult secp = verifySignature(k1, "data", QByteArray(64, '\x01'));
    QCOMPARE(secp.outcome, SignatureOutcome::WeakAlgorithm);
    QVERIFY2(secp.reason.contains(u"secp256k1"), qPrintable(secp.reason));

    const PublicKey p224 = nativeKey(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-224"));
    const SignatureResult small = checkKeyPolicy(p224);
    QCOMPARE(small.outcome, SignatureOutcome::WeakAlgorithm);
    QVERIFY2(small.reason.contains(u"below the P-256 minimum"), qPrintable(small.reason));

    QCOMPARE(checkKeyPolicy(PublicKey()).outcome, SignatureOutcome::Unsupported);
    QVERIFY(checkKeyPolicy(mustGenerate(KeyType::Ed25519).publicKey()).ok());
}

void TestCrypto::signRoundTrip_data()
{
    QTest::addColumn<KeyType>("type");
    QTest::addColumn<RsaPadding>("padding");
    QTest::addColumn<EcdsaEncoding>("encoding");
    QTest::addColumn<QString>("algorithm");
    QTest::newRow("p256") << KeyType::EcP256 << RsaPadding::Auto << EcdsaEncoding::Der << "ECDSA P-256 / SHA-256 (DER)";
    QTest::newRow("p256-p1363") << KeyType::EcP256 << RsaPadding::Auto << EcdsaEncoding::P1363
                                << "ECDSA P-256 / SHA-256 (P1363)";
    QTest::newRow("p384") << KeyType::EcP384 << RsaPadding::Auto << EcdsaEncoding::Der << "ECDSA P-384 / SHA-384 (DER)";
    QTest::newRow("p521") << KeyType::EcP521 << RsaPadding::Auto << EcdsaEncoding::Der << "ECDSA P-521 / SHA-512 (DER)";
    QTest::newRow("ed25519") << KeyType::Ed25519 << RsaPadding::Auto << EcdsaEncoding::Auto << "Ed25519";
    QTest::newRow("rsa-pss") << KeyType::Rsa << RsaPadding::Pss << EcdsaEncoding::Auto << "RSA-PSS 2048 / SHA-256";
    QTest::newRow("rsa-pkcs1") << KeyType::Rsa << RsaPadding::Pkcs1v15 << EcdsaEncoding::Auto
                               << "RSA PKCS#1 v1.5 2048 / SHA-256";
}

void TestCrypto::signRoundTrip()
{
    QFETCH(KeyType, type);
    QFETCH(RsaPadding, padding);
    QFETCH(EcdsaEncoding, encoding);
    QFETCH(QString, algorithm);
    const PrivateKey key = mustGenerate(type);
    QCOMPARE(key.type(), type);
    SignatureParams params;
    params.rsaPadding = padding;
    params.ecdsaEncoding = encoding;
    const QByteArray message = "usage window 2026-04-01T00:00:00Z gpu-hours=12.5";
    auto sig = sign(key, message, params);
    QVERIFY2(sig.ok(), qPrintable(sig.error().toString()));
    if (encoding == EcdsaEncoding::P1363)
        QCOMPARE(sig->size(), 64);

    // Verification with Auto settings must find the scheme the signer used.
    const SignatureResult result = verifySignature(key.publicKey(), message, *sig);
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.algorithm, algorithm);
    QCOMPARE(verifySignature(key.publicKey(), message, *sig, params).outcome, SignatureOutcome::Valid);

    QCOMPARE(verifySignature(key.publicKey(), message + ' ', *sig).outcome, SignatureOutcome::Mismatch);
    QCOMPARE(verifySignature(mustGenerate(type).publicKey(), message, *sig).outcome, SignatureOutcome::Mismatch);
    if (type == KeyType::Rsa) {
        // PSS and PKCS#1 v1.5 must not be confused when the padding is pinned.
        SignatureParams other = params;
        other.rsaPadding = padding == RsaPadding::Pss ? RsaPadding::Pkcs1v15 : RsaPadding::Pss;
        QCOMPARE(verifySignature(key.publicKey(), message, *sig, other).outcome, SignatureOutcome::Mismatch);
        if (padding == RsaPadding::Pss) {
            SignatureParams exactSalt = params;
            exactSalt.pssSaltLength = 32;
            QVERIFY(verifySignature(key.publicKey(), message, *sig, exactSalt).ok());
            exactSalt.pssSaltLength = 20;
            QCOMPARE(verifySignature(key.publicKey(), message, *sig, exactSalt).outcome, SignatureOutcome::Mismatch);
        }
    }
}

void TestCrypto::certificateFields()
{
    const Pki pki = makePki();
    QCOMPARE(pki.leaf.subject(), QStringLiteral("CN=Provider A signer,O=Provider A,C=DE"));
    QCOMPARE(pki.leaf.issuer(), QStringLiteral("CN=Test Intermediate,O=CapAudit Test,C=DE"));
    QCOMPARE(pki.leaf.commonName(), QStringLiteral("Provider A signer"));
    QCOMPARE(pki.leaf.serialHex(), QStringLiteral("1001"));
    QCOMPARE(pki.leaf.notBefore(), utc(2026, 1, 1));
    QCOMPARE(pki.leaf.notAfter(), utc(2026, 3, 1));
    QCOMPARE(pki.leaf.notAfter().timeSpec(), Qt::UTC);
    QVERIFY(!pki.leaf.isCa());
    QVERIFY(pki.intermediate.isCa());
    QVERIFY(pki.root.isSelfIssued());
    QVERIFY(!pki.leaf.isSelfIssued());
    QVERIFY(pki.leaf.allowsDigitalSignature());
    QVERIFY(!pki.root.allowsDigitalSignature());
    QCOMPARE(pki.leaf.subjectAlternativeNames(),
        QStringList(
            { QStringLiteral("https://provider-a.example/meter,1"), QStringLiteral("signer@provider-a.example") }));
    QVERIFY(pki.leaf.publicKey() == pki.leafKey.publicKey());
    QCOMPARE(pki.leaf.fingerprint(), sha256Hex(pki.leaf.toDer()));

    auto der = Certificate::fromDer(pki.leaf.toDer());
    QVERIFY(der.ok());
    QVERIFY(*der == pki.leaf);
    QVERIFY(!(pki.leaf == pki.root));
    QVERIFY(!Certificate::fromDer(pki.leaf.toDer() + "x").ok());
    auto list = Certificate::listFromPem(pki.leaf.toPem() + pki.intermediate.toPem() + pki.root.toPem());
    QVERIFY(list.ok());
    QCOMPARE(list->size(), 3);
    QVERIFY(list->at(2) == pki.root);
    QVERIFY(!Certificate::listFromPem("no certificates here").ok());
    QByteArray broken = pki.root.toPem();
    broken.replace(40, 8, "********");
    auto brokenList = Certificate::listFromPem(pki.leaf.toPem() + broken);
    QVERIFY(!brokenList.ok());
    QVERIFY2(brokenList.error().reason.startsWith(u"certificate 2"), qPrintable(brokenList.error().reason));
    auto key = PublicKey::fromPem(pki.leaf.toPem());
    QVERIFY(key.ok() && *key == pki.leafKey.publicKey());
}

void TestCrypto::parsedCertificatesAreKeptByTheirExactText()
{
    const Pki pki = makePki();
    const QByteArray leafPem = pki.leaf.toPem();
    auto first = Certificate::fromPem(leafPem);
    auto again = Certificate::fromPem(QByteArray(leafPem)); // equal bytes in another buffer
    QVERIFY(first.ok() && again.ok());
    QVERIFY(*first == pki.leaf);
    QCOMPARE(again->native(), first->native()); // kept, not decoded twice
    // Only the exact text: the first certificate of a longer text, a changed byte, another certificate.
    auto longer = Certificate::fromPem(pki.root.toPem() + leafPem);
    QVERIFY(longer.ok() && *longer == pki.root);
    QByteArray changed = leafPem;
    changed.replace(40, 8, "********");
    for (int i = 0; i < 2; ++i)
        QVERIFY(!Certificate::fromPem(changed).ok());
    // More distinct certificates than are kept: every one still reads as itself.
    QList<Certificate> many;
    for (int i = 0; i < 80; ++i) {
        CertificateRequest request = leafRequest();
        request.serial = 5000 + quint64(i);
        many.append(mustIssue(request, pki.leafKey.publicKey(), pki.intermediateKey, pki.intermediate));
    }
    for (int round = 0; round < 2; ++round) {
        for (const Certificate& c : std::as_const(many)) {
            auto read = Certificate::fromPem(c.toPem());
            QVERIFY(read.ok());
            QCOMPARE(read->serialHex(), c.serialHex());
        }
    }
    auto leafAfter = Certificate::fromPem(leafPem);
    QVERIFY(leafAfter.ok() && *leafAfter == pki.leaf);
}

void TestCrypto::extensionValues()
{
    const Pki pki = makePki();
    // basicConstraints of a CA without pathlen: SEQUENCE { BOOLEAN TRUE }, returned raw.
    QCOMPARE(pki.root.extensionValue("2.5.29.19"), QByteArray::fromHex("30030101ff"));
    QVERIFY(pki.root.extensionValue("1.3.6.1.4.1.57264.1.1").isEmpty());

    // Fulcio-style issuer extensions: v1 holds the raw URL, v2 a DER UTF8String.
    X509* cert = X509_dup(pki.leaf.native());
    const QByteArray issuerUrl = "https://accounts.example.com";
    auto addRaw = [&](const char* oid, const QByteArray& value) {
        ASN1_OBJECT* object = OBJ_txt2obj(oid, 1);
        ASN1_OCTET_STRING* octets = ASN1_OCTET_STRING_new();
        ASN1_OCTET_STRING_set(
            octets, reinterpret_cast<const unsigned char*>(value.constData()), static_cast<int>(value.size()));
        X509_EXTENSION* ext = X509_EXTENSION_create_by_OBJ(nullptr, object, 0, octets);
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
        ASN1_OCTET_STRING_free(octets);
        ASN1_OBJECT_free(object);
    };
    addRaw("1.3.6.1.4.1.57264.1.1", issuerUrl);
    addRaw("1.3.6.1.4.1.57264.1.8", QByteArray(1, '\x0c') + char(issuerUrl.size()) + issuerUrl);
    addRaw("1.3.6.1.4.1.57264.1.9", QByteArray::fromHex("020105"));
    QVERIFY(X509_sign(cert, pki.intermediateKey.native(), EVP_sha256()) > 0);
    const Certificate withExtensions = Certificate::fromNative(cert);
    X509_free(cert);
    QCOMPARE(withExtensions.extensionValue("1.3.6.1.4.1.57264.1.1"), issuerUrl);
    QCOMPARE(withExtensions.extensionValue("1.3.6.1.4.1.57264.1.8"), issuerUrl);
    QCOMPARE(withExtensions.extensionValue("1.3.6.1.4.1.57264.1.9"), QByteArray::fromHex("020105"));
    QVERIFY(withExtensions.extensionValue("not an oid").isEmpty());
}

void TestCrypto::deterministicIssuance()
{
    // Ed25519 signatures are deterministic too, so the whole certificate must repeat byte for byte.
    const PrivateKey key = mustGenerate(KeyType::Ed25519);
    CertificateRequest request = caRequest(QStringLiteral("Deterministic Root"), 1);
    request.serial = 77;
    const Certificate first = mustIssue(request, key.publicKey(), key, {});
    const Certificate second = mustIssue(request, key.publicKey(), key, {});
    QCOMPARE(first.toDer(), second.toDer());
    request.serial = 0;
    const Certificate random1 = mustIssue(request, key.publicKey(), key, {});
    const Certificate random2 = mustIssue(request, key.publicKey(), key, {});
    QVERIFY(random1.serialHex() != random2.serialHex());

    // A self-signed certificate must be signed by the subject's own key; an issuer key must match its certificate.
    const PrivateKey other = mustGenerate(KeyType::EcP256);
    QVERIFY(!issueCertificate(request, other.publicKey(), key, {}).ok());
    QVERIFY(!issueCertificate(leafRequest(), other.publicKey(), other, first).ok());
}

void TestCrypto::chainValidates()
{
    const Pki pki = makePki();
    ChainValidator validator;
    validator.addRoot(pki.root);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.path.size(), 3);
    QVERIFY(result.path.at(0) == pki.leaf);
    QVERIFY(result.path.at(1) == pki.intermediate);
    QVERIFY(result.path.at(2) == pki.root);

    // Roots of other key types.
    for (KeyType type : { KeyType::Rsa, KeyType::Ed25519, KeyType::EcP521 }) {
        const PrivateKey rootKey = mustGenerate(type);
        const Certificate root =
            mustIssue(caRequest(QStringLiteral("Other Root"), -1), rootKey.publicKey(), rootKey, {});
        const Certificate leaf = mustIssue(leafRequest(), pki.leafKey.publicKey(), rootKey, root);
        ChainValidator other;
        other.addRoot(root);
        const ChainResult otherResult = other.validate(leaf, {}, utc(2026, 2, 1));
        QVERIFY2(
            otherResult.ok(), qPrintable(root.publicKey().description() + QStringLiteral(": ") + otherResult.reason));
    }
}

void TestCrypto::chainExpired()
{
    const Pki pki = makePki();
    ChainValidator validator;
    validator.addRoot(pki.root);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 5, 2));
    QCOMPARE(result.failure, ChainFailure::Expired);
    QCOMPARE(result.depth, 0);
    QVERIFY2(result.reason.contains(u"'CN=Provider A signer,O=Provider A,C=DE' expired on 2026-03-01T00:00:00Z"),
        qPrintable(result.reason));
    QVERIFY2(result.reason.contains(u"verification time 2026-05-02T00:00:00Z"), qPrintable(result.reason));
    QVERIFY(result.hint.contains(u"--at"));
    QVERIFY(result.path.isEmpty());
}

void TestCrypto::chainNotYetValid()
{
    const Pki pki = makePki();
    ChainValidator validator;
    validator.addRoot(pki.root);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2025, 12, 24));
    QCOMPARE(result.failure, ChainFailure::NotYetValid);
    QVERIFY2(result.reason.contains(u"not valid before 2026-01-01T00:00:00Z"), qPrintable(result.reason));
}

void TestCrypto::chainUntrustedRoot()
{
    const Pki pki = makePki();
    const Pki stranger = makePki();
    ChainValidator validator;
    QCOMPARE(validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1)).failure, ChainFailure::UntrustedRoot);
    validator.addRoot(stranger.root);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1));
    QCOMPARE(result.failure, ChainFailure::UntrustedRoot);
    QVERIFY(result.hint.contains(u"capaudit-cli trust add"));
    QVERIFY2(result.reason.contains(u"Test"), qPrintable(result.reason));
    // Missing intermediate: also no path to a trusted root.
    validator.addRoot(pki.root);
    QCOMPARE(validator.validate(pki.leaf, {}, utc(2026, 2, 1)).failure, ChainFailure::UntrustedRoot);
    QVERIFY(validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1)).ok());
}

void TestCrypto::chainPartial()
{
    const Pki pki = makePki();
    ChainValidator validator;
    validator.addRoot(pki.intermediate);
    QCOMPARE(validator.validate(pki.leaf, {}, utc(2026, 2, 1)).failure, ChainFailure::UntrustedRoot);
    validator.setAllowPartialChain(true);
    const ChainResult result = validator.validate(pki.leaf, {}, utc(2026, 2, 1));
    QVERIFY2(result.ok(), qPrintable(result.reason));
    QCOMPARE(result.path.size(), 2);
}

void TestCrypto::chainRevoked()
{
    const Pki pki = makePki();
    auto crl = issueRevocationList(pki.intermediate, pki.intermediateKey,
        { { pki.leaf.serialHex(), utc(2026, 1, 20) } }, utc(2026, 1, 21), utc(2026, 7, 1));
    QVERIFY2(crl.ok(), qPrintable(crl.error().toString()));
    QCOMPARE(crl->issuer(), pki.intermediate.subject());
    QCOMPARE(crl->lastUpdate(), utc(2026, 1, 21));
    QCOMPARE(crl->nextUpdate(), utc(2026, 7, 1));
    QVERIFY(crl->isRevoked(pki.leaf));
    auto reparsed = RevocationList::fromPem(toPem(*crl));
    QVERIFY(reparsed.ok());
    QVERIFY(RevocationList::fromDer(reparsed->toDer()).ok());

    // Only the intermediate publishes a CRL: the root's missing CRL must not fail the chain.
    ChainValidator validator;
    validator.addRoot(pki.root);
    validator.addRevocationList(*reparsed);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1));
    QCOMPARE(result.failure, ChainFailure::Revoked);
    QCOMPARE(result.depth, 0);
    QVERIFY2(result.reason.contains(u"revoked on 2026-01-20T00:00:00Z"), qPrintable(result.reason));
    QVERIFY(result.reason.contains(u"Provider A signer"));

    auto clean = issueRevocationList(
        pki.intermediate, pki.intermediateKey, { { QStringLiteral("0abc"), {} } }, utc(2026, 1, 21), utc(2026, 7, 1));
    QVERIFY(clean.ok());
    QVERIFY(!clean->isRevoked(pki.leaf));
    ChainValidator cleanValidator;
    cleanValidator.addRoot(pki.root);
    cleanValidator.addRevocationList(*clean);
    const ChainResult ok = cleanValidator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1));
    QVERIFY2(ok.ok(), qPrintable(ok.reason));

    QVERIFY(!issueRevocationList(
        pki.intermediate, pki.intermediateKey, { { QStringLiteral("xyz"), {} } }, utc(2026, 1, 21), utc(2026, 7, 1))
                 .ok());
}

void TestCrypto::chainCrlProblems()
{
    const Pki pki = makePki();
    auto stale = issueRevocationList(pki.intermediate, pki.intermediateKey, {}, utc(2026, 1, 2), utc(2026, 1, 9));
    QVERIFY(stale.ok());
    ChainValidator validator;
    validator.addRoot(pki.root);
    validator.addRevocationList(*stale);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1));
    QCOMPARE(result.failure, ChainFailure::CrlProblem);
    QVERIFY(!result.hint.isEmpty());
}

void TestCrypto::chainKeyUsage()
{
    CertificateRequest request = leafRequest();
    request.digitalSignature = false;
    const Pki pki = makePki(request);
    QVERIFY(!pki.leaf.allowsDigitalSignature());
    ChainValidator validator;
    validator.addRoot(pki.root);
    const ChainResult result = validator.validate(pki.leaf, { pki.intermediate }, utc(2026, 2, 1));
    QCOMPARE(result.failure, ChainFailure::KeyUsage);
    QCOMPARE(result.depth, 0);
    QVERIFY2(result.reason.contains(u"digitalSignature"), qPrintable(result.reason));

    // A leaf certificate used as an issuer is not a CA.
    const Pki good = makePki();
    const PrivateKey key = mustGenerate(KeyType::EcP256);
    CertificateRequest underLeaf = leafRequest();
    underLeaf.commonName = QStringLiteral("Issued by a leaf");
    const Certificate bogus = mustIssue(underLeaf, key.publicKey(), good.leafKey, good.leaf);
    ChainValidator goodValidator;
    goodValidator.addRoot(good.root);
    QCOMPARE(goodValidator.validate(bogus, { good.leaf, good.intermediate }, utc(2026, 2, 1)).failure,
        ChainFailure::KeyUsage);
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
