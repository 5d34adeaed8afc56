#include "common/Digest.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QtTest>

using nps::Digest;

class TestDigest : public QObject
{
    Q_OBJECT

private slots:
    void knownVectors_data()
    {
        QTest::addColumn<int>("algorithm");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("hex");
        const int sha1 = int(Digest::Algorithm::Sha1);
        const int sha256 = int(Digest::Algorithm::Sha256);
        // FIPS 180 examples.
        QTest::newRow("sha1 empty") << sha1 << QByteArray()
                                    << QByteArray("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        QTest::newRow("sha1 abc") << sha1 << QByteArray("abc")
                                  << QByteArray("a9993e364706816aba3e25717850c26c9cd0d89d");
        QTest::newRow("sha256 empty")
            << sha256 << QByteArray()
            << QByteArray("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        QTest::newRow("sha256 abc")
            << sha256 << QByteArray("abc")
            << QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    void knownVectors()
    {
        QFETCH(int, algorithm);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, hex);
        Digest digest{static_cast<Digest::Algorithm>(algorithm)};
        digest.addData(input);
        QCOMPARE(digest.result().toHex(), hex);
        // result() starts afresh: the same input gives the same digest again.
        digest.addData(input);
        QCOMPARE(digest.result().toHex(), hex);
    }

    // Content keys already stored in users' files were made with
    // QCryptographicHash; pieces added one by one must give the same bytes.
    void matchesQCryptographicHash()
    {
        const QList<QByteArray> pieces = {"u:42",
                                          "\x1f",
                                          "1735689600",
                                          "\x1f",
                                          "3",
                                          "\x1f",
                                          QStringLiteral("Lenteur à l’ouverture 😞").toUtf8()};
        Digest ours(Digest::Algorithm::Sha1);
        QCryptographicHash qt(QCryptographicHash::Sha1);
        for (const QByteArray &piece : pieces) {
            ours.addData(piece);
            qt.addData(piece);
        }
        QCOMPARE(ours.result(), qt.result());
    }

    void fileDigest()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("export.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        // Larger than one read buffer, so the chunks are joined correctly.
        QByteArray content;
        for (int i = 0; content.size() < 3 * (1 << 20) + 17; ++i)
            content += "r" + QByteArray::number(i) + ",user@example.com,9,Great support\n";
        file.write(content);
        file.close();
        QCOMPARE(Digest::sha256OfFile(path),
                 QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
        QVERIFY(Digest::sha256OfFile(dir.filePath(QStringLiteral("missing.csv"))).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDigest)
#include "tst_digest.moc"
