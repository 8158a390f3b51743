//! Keys: make a minisign key pair, unlock a secret key to sign a manifest, and read the public
//! keys a user trusts (from `--pubkey`, else the per-user config folder's `trusted-keys/*.pub`).
//! Files are in minisign's own formats, so the stock `minisign` tool reads them too, and keys the
//! stock tool made (`minisign -G`, with or without `-W`) sign sticks here.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use minisign::{KeyPair, PublicKey, PublicKeyBox, SecretKey, SecretKeyBox, SignatureBox};

use super::{StickError, shown};
use crate::folders::Folders;

/// The secret key's file name made by `keygen`.
pub const SECRET_KEY_FILE: &str = "manualpack.key";
/// The public key's file name made by `keygen`.
pub const PUBLIC_KEY_FILE: &str = "manualpack.pub";
/// Scripts and tests give the key password here instead of typing it.
pub const PASSWORD_ENV: &str = "MANUALPACK_KEY_PASSWORD";

/// A key id as minisign prints it: 16 upper-case hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut n = [0u8; 8];
    for (slot, b) in n.iter_mut().zip(keynum) {
        *slot = *b;
    }
    format!("{:016X}", u64::from_le_bytes(n))
}

/// What `keygen` made.
#[derive(Debug, Clone)]
pub struct Generated {
    pub secret: PathBuf,
    pub public: PathBuf,
    pub key_id: String,
    pub encrypted: bool,
}

/// Make a key pair in `dir`; `password: None` makes an unencrypted secret key. Never overwrites.
pub fn keygen(dir: &Path, password: Option<String>) -> Result<Generated, StickError> {
    let secret = dir.join(SECRET_KEY_FILE);
    let public = dir.join(PUBLIC_KEY_FILE);
    for path in [&secret, &public] {
        if path.exists() {
            return Err(StickError::Refused(format!(
                "{} already exists: move it away first, or choose another folder with -o (keygen never overwrites a key)",
                shown(path)
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| StickError::io(dir, e))?;
    let encrypted = password.is_some();
    let pair = match password {
        Some(p) => KeyPair::generate_encrypted_keypair(Some(p)),
        None => KeyPair::generate_unencrypted_keypair(),
    }
    .map_err(|e| key_error(dir, e))?;
    let id = key_id(pair.pk.keynum());
    let sk_text = pair
        .sk
        .to_box(Some(&format!(
            "manualpack secret key {id}: keep it safe, never put it on a stick"
        )))
        .map_err(|e| key_error(&secret, e))?
        .into_string();
    let pk_text = pair
        .pk
        .to_box()
        .map_err(|e| key_error(&public, e))?
        .into_string();
    write_new(&secret, sk_text.as_bytes(), true)?;
    write_new(&public, pk_text.as_bytes(), false)?;
    Ok(Generated {
        secret,
        public,
        key_id: id,
        encrypted,
    })
}

fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<(), StickError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    if private {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    #[cfg(not(unix))]
    let _ = private;
    let mut file = options.open(path).map_err(|e| StickError::io(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| StickError::io(path, e))
}

fn key_error(path: &Path, e: minisign::PError) -> StickError {
    StickError::Key {
        path: shown(path),
        message: crate::sanitize::clean_line(&e.to_string()),
    }
}

/// A decoded minisign secret key: signature algorithm (2 bytes), key derivation (2), checksum
/// algorithm (2), salt (32), two scrypt limits (8 + 8), key id (8), Ed25519 key (64), checksum (32).
const SECRET_KEY_LEN: usize = 158;
const CHK_RANGE: std::ops::Range<usize> = 126..158;
const KDF_NONE: &[u8] = &[0, 0];
const KDF_SCRYPT: &[u8] = b"Sc";

/// The bytes of a minisign secret key file: an `untrusted comment:` line, then one line of
/// base64.
fn secret_key_bytes(text: &str) -> Result<Vec<u8>, String> {
    use base64::Engine;
    let not_a_key = |what: &str| {
        format!(
            "not a minisign secret key ({what}); use the .key file `manualpack keygen` or `minisign -G` made"
        )
    };
    let mut lines = text.lines();
    if !lines
        .next()
        .is_some_and(|l| l.starts_with("untrusted comment:"))
    {
        return Err(not_a_key("no `untrusted comment:` line first"));
    }
    let encoded = lines.next().map(str::trim).unwrap_or_default();
    let raw = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .map_err(|_| not_a_key("its second line is not base64"))?;
    if raw.len() != SECRET_KEY_LEN || !raw.starts_with(b"Ed") {
        return Err(not_a_key("not an Ed25519 key of the right length"));
    }
    Ok(raw)
}

/// Read a password: from `MANUALPACK_KEY_PASSWORD` when set, else typed at the terminal
/// (twice when `confirm`).
pub fn read_password(prompt: &str, confirm: bool) -> Result<String, StickError> {
    if let Some(p) = std::env::var_os(PASSWORD_ENV) {
        return Ok(p.to_string_lossy().into_owned());
    }
    let terminal = |e: std::io::Error| {
        StickError::Refused(format!(
            "cannot read the password from the terminal ({e}); set {PASSWORD_ENV} in scripts"
        ))
    };
    let first = rpassword::prompt_password(prompt).map_err(terminal)?;
    if confirm {
        let again = rpassword::prompt_password("The same password again: ").map_err(terminal)?;
        if again != first {
            return Err(StickError::Refused(
                "the two passwords differ: nothing was written; try again".into(),
            ));
        }
    }
    Ok(first)
}

/// An unlocked secret key and its public half.
pub struct Signer {
    sk: SecretKey,
    pk: PublicKey,
    pub key_id: String,
}

impl Signer {
    /// Unlock a secret key file in minisign's format: manualpack's own (`keygen`) or the stock
    /// tool's (`minisign -G`, encrypted, or `minisign -G -W`, not). An encrypted key asks for its
    /// password (see [`read_password`]).
    pub fn from_file(path: &Path) -> Result<Signer, StickError> {
        let text = std::fs::read_to_string(path).map_err(|e| StickError::io(path, e))?;
        let raw = secret_key_bytes(&text).map_err(|message| StickError::Key {
            path: shown(path),
            message,
        })?;
        let sk_box = || SecretKeyBox::from_string(&text).map_err(|e| key_error(path, e));
        let sk = match raw.get(2..4) {
            Some(KDF_NONE) => match SecretKey::from_unencrypted_box(sk_box()?) {
                Ok(sk) => sk,
                // The stock `minisign -G -W` (0.11) leaves an unencrypted key's checksum all
                // zeros and signs with it all the same, where the minisign crate insists on the
                // checksum ("Corrupted key"): read such a key field by field; `self_test` below
                // catches a damaged one.
                Err(_) if raw[CHK_RANGE].iter().all(|b| *b == 0) => {
                    SecretKey::from_bytes(&raw).map_err(|e| key_error(path, e))?
                }
                Err(e) => return Err(key_error(path, e)),
            },
            Some(KDF_SCRYPT) => {
                let password = read_password(&format!("Password for {}: ", shown(path)), false)?;
                SecretKey::from_box(sk_box()?, Some(password)).map_err(|e| key_error(path, e))?
            }
            _ => {
                return Err(StickError::Key {
                    path: shown(path),
                    message: "the key is protected by a method minisign does not use (not a minisign secret key?)".into(),
                });
            }
        };
        let pk = PublicKey::from_secret_key(&sk).map_err(|e| key_error(path, e))?;
        let key_id = key_id(pk.keynum());
        let signer = Signer { sk, pk, key_id };
        signer.self_test(path)?;
        Ok(signer)
    }

    /// Sign a few bytes (`minisign::sign` checks each signature with the public half), so a
    /// damaged key is refused before anything is written, in words, rather than making a stick
    /// whose signature fails.
    fn self_test(&self, path: &Path) -> Result<(), StickError> {
        minisign::sign(
            Some(&self.pk),
            &self.sk,
            Cursor::new(b"manualpack key self-test"),
            None,
            None,
        )
        .map(drop)
        .map_err(|_| StickError::Key {
            path: shown(path),
            message: "the key is damaged: its signatures do not match its own public key".into(),
        })
    }

    /// The public key in minisign's `.pub` format.
    pub fn public_key_text(&self) -> Result<String, StickError> {
        Ok(self
            .pk
            .to_box()
            .map_err(|e| key_error(Path::new(STICK_KEY_NAME), e))?
            .into_string())
    }

    /// A prehashed minisign signature of `data` with `trusted_comment`, as the `.minisig` text.
    pub fn sign(&self, data: &[u8], trusted_comment: &str) -> Result<String, StickError> {
        let untrusted = format!("signature from manualpack key {}", self.key_id);
        minisign::sign(
            Some(&self.pk),
            &self.sk,
            Cursor::new(data),
            Some(trusted_comment),
            Some(&untrusted),
        )
        .map(SignatureBox::into_string)
        .map_err(|e| key_error(Path::new(super::SIGNATURE), e))
    }
}

const STICK_KEY_NAME: &str = super::STICK_KEY;

/// A public key that signatures are checked with.
#[derive(Debug, Clone)]
pub struct TrustedKey {
    pub key_id: String,
    pub key: minisign_verify::PublicKey,
    /// Where it came from, for messages.
    pub source: String,
}

impl TrustedKey {
    /// Read a minisign `.pub` text.
    pub fn from_text(text: &str, source: &str) -> Result<TrustedKey, String> {
        let bad = |what: String| {
            format!(
                "{source}: not a minisign public key ({what}); use the .pub file `manualpack keygen` made"
            )
        };
        let boxed = PublicKeyBox::from_string(text).map_err(|e| bad(e.to_string()))?;
        let pk = boxed.into_public_key().map_err(|e| bad(e.to_string()))?;
        let key = minisign_verify::PublicKey::decode(text).map_err(|e| bad(e.to_string()))?;
        Ok(TrustedKey {
            key_id: key_id(pk.keynum()),
            key,
            source: source.to_string(),
        })
    }

    pub fn from_file(path: &Path) -> Result<TrustedKey, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", shown(path)))?;
        TrustedKey::from_text(&text, &shown(path))
    }
}

/// The keys to trust: the given files when any, else every `*.pub` in the per-user folders of
/// trusted keys ([`Folders::trusted_keys`]). Unreadable keys are returned as messages rather
/// than stopping the check.
pub fn load_trusted(folders: &Folders, given: &[PathBuf]) -> (Vec<TrustedKey>, Vec<String>) {
    let paths: Vec<PathBuf> = if given.is_empty() {
        let mut v: Vec<PathBuf> = folders
            .trusted_keys()
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flat_map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "pub"))
            })
            .collect();
        v.sort();
        v
    } else {
        given.to_vec()
    };
    let mut keys = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match TrustedKey::from_file(&path) {
            Ok(k) => keys.push(k),
            Err(e) => problems.push(e),
        }
    }
    (keys, problems)
}
