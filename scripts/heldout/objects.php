<?php
// The Twig oracle for the held-out pages whose data holds objects (heldout2/objects): the same as
// /work/oracle/oracle.php, with PHP classes of the same members as HeldOutPages2Test's Java classes (records with
// accessor methods, beans with getX/isX/hasX and methods taking arguments, a public field). In data.json an object
// is {"@class": "Name", ...fields}; {"@ints": [...]} and {"@strings": [...]} are Java arrays (PHP lists here);
// {"@intKeys": {...}} a Java map with integer keys (PHP turns "1" into the integer key 1 on its own).
// Usage: python3 scripts/heldout/gen.py --folder heldout2 --oracle scripts/heldout/objects.php objects
error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED);
if (!function_exists('trigger_deprecation')) { function trigger_deprecation(...$a) {} }
$twigRoot = getenv('TWIG_ORACLE') ?: '/work/oracle';
spl_autoload_register(function ($c) use ($twigRoot) {
    if (strpos($c, 'Twig\\') === 0) {
        $f = $twigRoot . '/src/' . str_replace('\\', '/', substr($c, 5)) . '.php';
        if (is_file($f)) { require $f; }
    }
});
foreach (['core', 'debug', 'escaper', 'string_loader'] as $r) { require $twigRoot . '/src/Resources/' . $r . '.php'; }
date_default_timezone_set('UTC');

final class Money {
    public function __construct(private int $cents, private string $currency) {}
    public static function of(array $f): self { return new self($f['cents'], $f['currency']); }
    public function cents() { return $this->cents; }
    public function currency() { return $this->currency; }
    public function times($n) { return new Money($this->cents * $n, $this->currency); }
    public function plus(Money $o) { return new Money($this->cents + $o->cents, $this->currency); }
    public function isFree() { return $this->cents === 0; }
    public function format($sep) {
        $a = abs($this->cents);
        return ($this->cents < 0 ? '-' : '') . intdiv($a, 100) . $sep . sprintf('%02d', $a % 100) . ' ' . $this->currency;
    }
    public function __toString(): string { return $this->format('.'); }
}

final class Line {
    public function __construct(private string $sku, private string $title, private int $qty, private Money $unit, private array $options) {}
    public static function of(array $f): self { return new self($f['sku'], $f['title'], $f['qty'], $f['unit'], $f['options']); }
    public function sku() { return $this->sku; }
    public function title() { return $this->title; }
    public function qty() { return $this->qty; }
    public function unit() { return $this->unit; }
    public function options() { return $this->options; }
    public function total() { return $this->unit->times($this->qty); }
    public function hasOption($o) { return in_array($o, $this->options, true); }
}

final class Order {
    public function __construct(private int $id, private int $status, private string $placed, private array $lines) {}
    public static function of(array $f): self { return new self($f['id'], $f['status'], $f['placed'], $f['lines']); }
    public function id() { return $this->id; }
    public function status() { return $this->status; }
    public function placed() { return $this->placed; }
    public function lines() { return $this->lines; }
    public function lineCount() { return count($this->lines); }
    public function total() {
        $t = new Money(0, 'EUR');
        foreach ($this->lines as $l) { $t = $t->plus($l->total()); }
        return $t;
    }
}

final class Address {
    public function __construct(public string $street, public string $city, public string $zip, public bool $primary) {}
    public static function of(array $f): self { return new self($f['street'], $f['city'], $f['zip'], $f['primary']); }
    public function label($sep) { return $this->zip . $sep . strtoupper($this->city); }
}

final class Customer {
    public $id;
    private array $f;
    public function __construct(array $f) { $this->f = $f; $this->id = $f['id']; }
    public static function of(array $f): self { return new self($f); }
    public function getName() { return $this->f['name']; }
    public function getEmail() { return $this->f['email']; }
    public function isVip() { return $this->f['vip']; }
    public function hasNewsletter() { return $this->f['newsletter']; }
    public function getScores() { return $this->f['scores']; }
    public function getTags() { return $this->f['tags']; }
    public function getPointsByYear() { return $this->f['pointsByYear']; }
    public function getAddresses() { return $this->f['addresses']; }
    public function getOrders() { return $this->f['orders']; }
    public function greet($greeting, $shout) {
        $s = $greeting . ', ' . explode(' ', $this->f['name'])[0] . '!';
        return $shout ? strtoupper($s) : $s;
    }
}

function objects($v) {
    if (!is_array($v)) { return $v; }
    foreach (['@ints', '@strings', '@intKeys'] as $k) {
        if (array_key_exists($k, $v)) { return array_map('objects', $v[$k]); }
    }
    $v = array_map('objects', $v);
    if (isset($v['@class'])) {
        $class = $v['@class'];
        unset($v['@class']);
        return $class::of($v);
    }
    return $v;
}

while (($line = fgets(STDIN)) !== false) {
    $line = trim($line);
    if ($line === '') { continue; }
    $case = json_decode($line, true);
    $config = $case['config'] ?? [];
    $opts = ['strict_variables' => $config['strict_variables'] ?? true, 'autoescape' => $config['autoescape'] ?? 'html', 'cache' => false];
    try {
        $twig = new \Twig\Environment(new \Twig\Loader\ArrayLoader($case['templates']), $opts);
        $twig->addGlobal('global', 'global');
        $twig->addExtension(new \Twig\Extension\StringLoaderExtension());
        $out = $twig->render($case['main'] ?? 'index.twig', objects($case['data'] ?? []));
        echo json_encode(['output' => $out], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    } catch (\Throwable $e) {
        echo json_encode(['exception' => get_class($e) . ': ' . $e->getMessage()], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    }
}
