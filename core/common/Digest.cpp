#include "Digest.h"

#include <QFile>
#include <openssl/evp.h>

namespace nps {

namespace {

const EVP_MD *method(Digest::Algorithm algorithm)
{
    return algorithm == Digest::Algorithm::Sha1 ? EVP_sha1() : EVP_sha256();
}

} // namespace

Digest::Digest(Algorithm algorithm)
    : m_algorithm(algorithm)
    , m_context(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_context, method(m_algorithm), nullptr);
}

Digest::~Digest()
{
    EVP_MD_CTX_free(m_context);
}

void Digest::addData(QByteArrayView data)
{
    EVP_DigestUpdate(m_context, data.data(), size_t(data.size()));
}

QByteArray Digest::result()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context, digest, &length);
    EVP_DigestInit_ex(m_context, method(m_algorithm), nullptr);
    return QByteArray(reinterpret_cast<const char *>(digest), int(length));
}

QString Digest::sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Digest digest(Algorithm::Sha256);
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 read = file.read(buffer.data(), buffer.size());
        if (read < 0)
            return {};
        if (read == 0)
            break;
        digest.addData(QByteArrayView(buffer.constData(), read));
    }
    return QString::fromLatin1(digest.result().toHex());
}

} // namespace nps
