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
	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"time"
)

// serveTLS is what `serve --tls` configures: a certificate given with
// --cert and --key, or a self-signed one written where clients can read it.
type serveTLS struct {
	on              bool
	certFile, key   string
	hosts           string // --tls-host: more names and addresses for the self-signed certificate
	out             string // --tls-cert-out: where the self-signed certificate is written
	selfSignedValid time.Duration
}

// addTLSFlags defines the TLS flags of serve on fs.
func addTLSFlags(fs *flag.FlagSet) *serveTLS {
	c := &serveTLS{selfSignedValid: 90 * 24 * time.Hour}
	fs.BoolVar(&c.on, "tls", false, "serve HTTPS: with --cert and --key, or else a self-signed certificate for localhost,\n"+
		"127.0.0.1, ::1 and the --tls-host names, written to --tls-cert-out for clients to trust\n"+
		"(juspay-accounts --ca-file FILE, or JUSPAY_CA_FILE)")
	fs.StringVar(&c.certFile, "cert", "", "PEM certificate (chain) to serve HTTPS with; implies --tls")
	fs.StringVar(&c.key, "key", "", "PEM private key of --cert")
	fs.StringVar(&c.hosts, "tls-host", "", "comma-separated host names or IP addresses the self-signed certificate also covers,\n"+
		"e.g. the service name of a compose file")
	fs.StringVar(&c.out, "tls-cert-out", "", "file the self-signed certificate is written to (default: a new file in the temporary directory)")
	return c
}

// config is the TLS configuration to serve with (nil without --tls), and the
// file of the self-signed certificate it wrote ("" otherwise). It refuses
// contradictory TLS flags.
func (c *serveTLS) config() (*tls.Config, string, error) {
	selfSignedOnly := c.hosts != "" || c.out != ""
	switch {
	case (c.certFile != "") != (c.key != ""):
		return nil, "", usageError{"serve: --cert and --key go together"}
	case c.certFile != "" && selfSignedOnly:
		return nil, "", usageError{"serve: --tls-host and --tls-cert-out are for the self-signed certificate; drop them with --cert"}
	case c.certFile != "":
		cert, err := tls.LoadX509KeyPair(c.certFile, c.key)
		if err != nil {
			return nil, "", usageError{"serve: --cert/--key: " + err.Error()}
		}
		return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, "", nil
	case !c.on && selfSignedOnly:
		return nil, "", usageError{"serve: --tls-host and --tls-cert-out need --tls"}
	case !c.on:
		return nil, "", nil
	}
	cert, certPEM, err := selfSigned(append([]string{"localhost", "127.0.0.1", "::1"}, splitList(c.hosts)...), c.selfSignedValid)
	var written string
	if err == nil {
		written, err = writeCert(c.out, certPEM)
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
