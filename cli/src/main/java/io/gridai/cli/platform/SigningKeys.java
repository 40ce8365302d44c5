package io.gridai.cli.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The installation's token signing key pair for the operator API, generated on first need and kept under the data
 * folder ({@code DATA/operator-api/keys/}): {@code signing-key.pem} (RSA 2048, PKCS#8, readable by the owner only),
 * which {@code gridai token} signs with, and {@code verification-key.pem} (X.509 SubjectPublicKeyInfo), which the
 * operator API verifies with. Never committed: the data folder is ignored by git. The public key is always derived
 * from the private key on disk, so the two files cannot disagree.
 */
public final class SigningKeys {

    static final String PRIVATE_FILE = "signing-key.pem";
    static final String PUBLIC_FILE = "verification-key.pem";
    private static final int RSA_BITS = 2048;

    private final Path dir;

    private SigningKeys(Path dir) {
        this.dir = dir;
    }

    /** The key pair of the installation whose data folder is {@code layout}'s. */
    public static SigningKeys of(PlatformLayout layout) {
        return new SigningKeys(layout.componentData(OperatorApiComponent.NAME).resolve("keys"));
    }

    public Path signingKeyFile() {
        return dir.resolve(PRIVATE_FILE);
    }

    public Path verificationKeyFile() {
        return dir.resolve(PUBLIC_FILE);
    }

    /**
     * The key pair, generated (and both files written) if there is no signing key yet; the verification key file is
     * (re)written from the signing key when it is missing.
     */
    public KeyPair ensure() {
        if (!Files.exists(signingKeyFile())) {
            KeyPair generated = generate();
            PlatformFiles.writeOnce(signingKeyFile(), pem("PRIVATE KEY", generated.getPrivate().getEncoded()),
                    "the operator API's token signing key");
        }
        PrivateKey privateKey = readPrivateKey(signingKeyFile());
        PublicKey publicKey = publicKeyOf(privateKey);
        if (!Files.exists(verificationKeyFile())) {
            PlatformFiles.writeOwnerOnly(verificationKeyFile(), pem("PUBLIC KEY", publicKey.getEncoded()),
                    "the operator API's token verification key");
        }
        return new KeyPair(publicKey, privateKey);
    }

    /** The verification key file, the pair generated first if needed. */
    public Path ensureVerificationKeyFile() {
        ensure();
        return verificationKeyFile();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate RSA keys: " + e.getMessage(), e);
        }
    }

    static PrivateKey readPrivateKey(Path file) {
        byte[] der = decodePem(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an RSA private key in PKCS#8 PEM (" + e.getMessage()
                    + "); delete it to have a new key pair generated (tokens signed with it stop working)", e);
        }
    }

    private static PublicKey publicKeyOf(PrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("the signing key has no public exponent (not an RSA CRT key)");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the RSA public key: " + e.getMessage(), e);
        }
    }

    private static byte[] decodePem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the operator API's token signing key " + file, e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException(file + " holds no " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": bad base64 in the " + type + " block", e);
        }
    }

    private static List<String> pem(String type, byte[] der) {
        List<String> lines = new ArrayList<>();
        lines.add("-----BEGIN " + type + "-----");
        lines.addAll(List.of(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der).split("\n")));
        lines.add("-----END " + type + "-----");
        return lines;
    }
}
