package dev.meshmall.platform.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local certificate authority of the services' own mTLS outside the mesh (the devstack, compose, the tests):
 * one CA, and per workload a certificate whose URI SAN is its SPIFFE-style identity
 * ({@code spiffe://meshmall.local/ns/meshmall/sa/order}), all PEM files in one folder. Made at start, never
 * committed. {@code java ... LocalCa <folder> <name>...} is compose's init step.
 */
public final class LocalCa {
    private static final Duration LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path folder;
    private final KeyPair caKeys;
    private final X509Certificate caCertificate;

    private LocalCa(Path folder, KeyPair caKeys, X509Certificate caCertificate) {
        this.folder = folder;
        this.caKeys = caKeys;
        this.caCertificate = caCertificate;
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: LocalCa <folder> <workload>...   (writes ca.pem and <workload>.pem/.key)");
            System.exit(2);
        }
        LocalCa ca = LocalCa.openOrCreate(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            ca.issue(args[i]);
        }
    }

    /** The CA kept in {@code folder} ({@code ca.pem}, {@code ca.key}), made there first if there is none. */
    public static LocalCa openOrCreate(Path folder) {
        try {
            Files.createDirectories(folder);
            Path cert = folder.resolve("ca.pem");
            Path key = folder.resolve("ca.key");
            if (Files.exists(cert) && Files.exists(key)) {
                X509Certificate certificate = Pem.certificates(cert).getFirst();
                return new LocalCa(folder, new KeyPair(certificate.getPublicKey(), Pem.privateKey(key)), certificate);
            }
            KeyPair keys = newKeys();
            X500Name name = new X500Name("CN=meshmall local CA");
            X509v3CertificateBuilder builder = builder(name, name, keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            Pem.write(key, "PRIVATE KEY", keys.getPrivate().getEncoded(), true);
            Pem.write(cert, "CERTIFICATE", certificate.getEncoded(), false);
            return new LocalCa(folder, keys, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path caFile() {
        return folder.resolve("ca.pem");
    }

    /**
     * A client and server certificate for {@code workload} ({@code <workload>.pem}, {@code <workload>.key}), valid
     * for the names it is reached by here: its own host name, {@code localhost} and 127.0.0.1.
     */
    public Workload issue(String workload) {
        try {
            KeyPair keys = newKeys();
            List<GeneralName> names = new ArrayList<>();
            names.add(new GeneralName(GeneralName.uniformResourceIdentifier, ServiceIdentity.local(workload).uri()));
            names.add(new GeneralName(GeneralName.dNSName, workload));
            names.add(new GeneralName(GeneralName.dNSName, "localhost"));
            names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getLoopbackAddress().getHostAddress()));
            X509v3CertificateBuilder builder = builder(new X500Name("CN=meshmall local CA"), new X500Name("CN=" + workload), keys)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            X509Certificate certificate = sign(builder, caKeys.getPrivate());
            Workload issued = new Workload(workload, folder.resolve(workload + ".pem"), folder.resolve(workload + ".key"), caFile());
            Pem.write(issued.key(), "PRIVATE KEY", keys.getPrivate().getEncoded(), true);
            Pem.write(issued.certificate(), "CERTIFICATE", certificate.getEncoded(), false);
            return issued;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM files of one workload's identity: its certificate, its key, and the CA that vouches for its peers. */
    public record Workload(String name, Path certificate, Path key, Path ca) {
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(LIFETIME)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** PEM files: certificates and unencrypted PKCS#8 EC keys, which is all the shop writes and reads. */
    public static final class Pem {
        private Pem() {
        }

        public static List<X509Certificate> certificates(Path file) {
            try (var in = Files.newInputStream(file)) {
                return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                        .map(X509Certificate.class::cast).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("not a certificate: " + file, e);
            }
        }

        public static PrivateKey privateKey(Path file) {
            try {
                String pem = Files.readString(file, StandardCharsets.US_ASCII)
                        .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
                return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new IllegalStateException("not a PKCS#8 EC private key: " + file, e);
            }
        }

        static void write(Path file, String type, byte[] der, boolean secret) throws IOException {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
            Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                    StandardCharsets.US_ASCII);
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        }
    }
}
