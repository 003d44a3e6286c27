package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"
)

// tlsConfig is the TLS configuration to serve with (nil without --tls), and
// the file of the self-signed certificate it wrote ("" otherwise). It refuses
// contradictory TLS flags.
func (c *serveConfig) tlsConfig() (*tls.Config, string, error) {
	selfSignedOnly := c.tlsHosts != "" || c.certOut != ""
	switch {
	case (c.certFile != "") != (c.keyFile != ""):
		return nil, "", usageError{"serve: --cert and --key go together"}
	case c.certFile != "" && selfSignedOnly:
		return nil, "", usageError{"serve: --tls-host and --tls-cert-out are for the self-signed certificate; drop them with --cert"}
	case c.certFile != "":
		cert, err := tls.LoadX509KeyPair(c.certFile, c.keyFile)
		if err != nil {
			return nil, "", usageError{"serve: --cert/--key: " + err.Error()}
		}
		return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, "", nil
	case !c.tls && selfSignedOnly:
		return nil, "", usageError{"serve: --tls-host and --tls-cert-out need --tls"}
	case !c.tls:
		return nil, "", nil
	}
	cert, certPEM, err := selfSigned(append([]string{"localhost", "127.0.0.1", "::1"}, splitList(c.tlsHosts)...), 90*24*time.Hour)
	var written string
	if err == nil {
		written, err = writeCert(c.certOut, certPEM)
	}
	if err != nil {
		return nil, "", fmt.Errorf("serve: self-signed certificate: %w", err)
	}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, written, nil
}

// selfSigned makes a certificate for hosts, signed by its own key, that
// clients can add to their roots as is.
func selfSigned(hosts []string, valid time.Duration) (tls.Certificate, []byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		Subject:               pkix.Name{Organization: []string{"juspay-accounts emulator"}, CommonName: hosts[0]},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(valid),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, certPEM, nil
}

// writeCert writes the certificate (public: no key) to path, or to a new
// file in the temporary directory, readable by every user's clients, and
// returns the file's absolute path.
func writeCert(path string, certPEM []byte) (string, error) {
	var f *os.File
	var err error
	if path == "" {
		f, err = os.CreateTemp("", "juspay-emulator-*.pem")
	} else {
		f, err = os.Create(path)
	}
	if err != nil {
		return "", err
	}
	_, err = f.Write(certPEM)
	if err = errors.Join(err, f.Chmod(0o644), f.Close()); err != nil {
		return "", err
	}
	return filepath.Abs(f.Name())
}
