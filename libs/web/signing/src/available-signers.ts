import { CryptoProSigner } from './cryptopro-signer';
import type { DocumentSigner } from './document-signer';
import { SoftwareTokenSigner } from './software-token-signer';

/**
 * The signers that can work here, in the order to offer them: CryptoPro (when its plug-in is available),
 * then the software token. Pass the instances the page keeps (the software signer holds its tokens).
 */
export async function availableSigners(
  signers: { readonly cryptoPro?: DocumentSigner; readonly software?: DocumentSigner } = {},
): Promise<DocumentSigner[]> {
  const candidates = [
    signers.cryptoPro ?? new CryptoProSigner(),
    signers.software ?? new SoftwareTokenSigner(),
  ];
  const available = await Promise.all(candidates.map((s) => s.available().catch(() => false)));
  return candidates.filter((_, i) => available[i]);
}
