;; Part of conv-events.wat (included where that file says so): integrate-and-fire, event lists, max pooling.
  ;; One timestep of a layer of n IF neurons (membranes v, input currents cur, outputs out; float32):
  ;; u = v + I; m = [u ≥ θ]; v ← u − (m & θ); out = m & θ, four neurons at a time, the rest one at a time.
  ;; Bit-identical to integrateAndFire in ../run.ts (u − 0 = u for every u, −0 included). Returns the spikes.
  (func (export "integrate_and_fire") (param $v i32) (param $cur i32) (param $out i32) (param $n i32) (param $theta f32)
    (result i32)
    (local $th v128) (local $u v128) (local $m v128) (local $s v128) (local $cnt v128)
    (local $i i32) (local $end i32) (local $all i32) (local $fired i32) (local $uf f32)
    (local.set $th (f32x4.splat (local.get $theta)))
    (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
    (local.set $all (i32.shl (local.get $n) (i32.const 2)))
    (block $done4 (loop $next4
      (br_if $done4 (i32.ge_u (local.get $i) (local.get $end)))
      (local.set $u (f32x4.add (v128.load (i32.add (local.get $v) (local.get $i)))
        (v128.load (i32.add (local.get $cur) (local.get $i)))))
      (local.set $m (f32x4.ge (local.get $u) (local.get $th)))
      (local.set $s (v128.and (local.get $m) (local.get $th)))
      (v128.store (i32.add (local.get $v) (local.get $i)) (f32x4.sub (local.get $u) (local.get $s)))
      (v128.store (i32.add (local.get $out) (local.get $i)) (local.get $s))
      (local.set $cnt (i32x4.sub (local.get $cnt) (local.get $m)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $next4)))
    (local.set $fired (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $cnt)) (i32x4.extract_lane 1 (local.get $cnt)))
      (i32.add (i32x4.extract_lane 2 (local.get $cnt)) (i32x4.extract_lane 3 (local.get $cnt)))))
    (block $done1 (loop $next1
      (br_if $done1 (i32.ge_u (local.get $i) (local.get $all)))
      (local.set $uf (f32.add (f32.load (i32.add (local.get $v) (local.get $i))) (f32.load (i32.add (local.get $cur) (local.get $i)))))
      (if (f32.ge (local.get $uf) (local.get $theta))
        (then
          (f32.store (i32.add (local.get $v) (local.get $i)) (f32.sub (local.get $uf) (local.get $theta)))
          (f32.store (i32.add (local.get $out) (local.get $i)) (local.get $theta))
          (local.set $fired (i32.add (local.get $fired) (i32.const 1))))
        (else
          (f32.store (i32.add (local.get $v) (local.get $i)) (local.get $uf))
          (f32.store (i32.add (local.get $out) (local.get $i)) (f32.const 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $next1)))
    (local.get $fired))

  ;; The per-channel event lists of `samples` HWC samples of `positions` positions × inC channels at $x, as
  ;; eventListsInto in ../events.ts builds them (count must arrive zeroed): sample by sample, position by
  ;; position, channel by channel. A position's channels are taken 16 at a time (4 when inC is not a multiple
  ;; of 16, 1 when not of 4): one comparison with zero (+0 and −0 are no events) gives a bit mask, and only
  ;; its set bits are visited. Returns the number of events.
  (func (export "event_lists") (param $x i32) (param $positions i32) (param $inW i32) (param $inC i32) (param $samples i32)
    (param $outPlaneBytes i32) (param $pos i32) (param $val i32) (param $smp i32) (param $count i32) (param $stride i32)
    (result i32)
    (local $b i32) (local $q i32) (local $iy i32) (local $ix i32) (local $c i32) (local $a i32) (local $e i32) (local $m i32)
    (local $packed i32) (local $sampleBytes i32) (local $n i32) (local $step i32) (local $ca i32) (local $k i32) (local $z v128)
    (local.set $a (local.get $x))
    (local.set $step (select (i32.const 16) (select (i32.const 4) (i32.const 1)
      (i32.eqz (i32.and (local.get $inC) (i32.const 3))))
      (i32.eqz (i32.and (local.get $inC) (i32.const 15)))))
    (block $doneB (loop $nextB
      (br_if $doneB (i32.ge_u (local.get $b) (local.get $samples)))
      (local.set $sampleBytes (i32.mul (local.get $b) (local.get $outPlaneBytes)))
      (local.set $q (i32.const 0))
      (local.set $iy (i32.const 0))
      (local.set $ix (i32.const 0))
      (block $doneQ (loop $nextQ
        (br_if $doneQ (i32.ge_u (local.get $q) (local.get $positions)))
        (local.set $packed (i32.or (i32.shl (local.get $iy) (i32.const 16)) (local.get $ix)))
        (local.set $c (i32.const 0))
        (block $doneG (loop $nextG
          (br_if $doneG (i32.ge_u (local.get $c) (local.get $inC)))
          ;; the mask of this group's non-zero channels
          (if (i32.eq (local.get $step) (i32.const 16))
            (then (local.set $m (i32.or
              (i32.or (i32x4.bitmask (f32x4.ne (v128.load offset=0 (local.get $a)) (local.get $z)))
                (i32.shl (i32x4.bitmask (f32x4.ne (v128.load offset=16 (local.get $a)) (local.get $z))) (i32.const 4)))
              (i32.or (i32.shl (i32x4.bitmask (f32x4.ne (v128.load offset=32 (local.get $a)) (local.get $z))) (i32.const 8))
                (i32.shl (i32x4.bitmask (f32x4.ne (v128.load offset=48 (local.get $a)) (local.get $z))) (i32.const 12))))))
            (else (if (i32.eq (local.get $step) (i32.const 4))
              (then (local.set $m (i32x4.bitmask (f32x4.ne (v128.load (local.get $a)) (local.get $z)))))
              (else (local.set $m (f32.ne (f32.load (local.get $a)) (f32.const 0)))))))
          (block $doneM (loop $nextM
            (br_if $doneM (i32.eqz (local.get $m)))
            (local.set $k (i32.ctz (local.get $m)))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
            (local.set $e (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))
            (local.set $ca (i32.add (local.get $count) (i32.shl (i32.add (local.get $c) (local.get $k)) (i32.const 2))))
            (local.set $k (i32.add (i32.mul (i32.add (local.get $c) (local.get $k)) (local.get $stride)) (i32.load (local.get $ca))))
            (i32.store (local.get $ca) (i32.add (i32.load (local.get $ca)) (i32.const 1)))
            (local.set $k (i32.shl (local.get $k) (i32.const 2)))
            (i32.store (i32.add (local.get $pos) (local.get $k)) (local.get $packed))
            (f32.store (i32.add (local.get $val) (local.get $k)) (f32.load (local.get $e)))
            (i32.store (i32.add (local.get $smp) (local.get $k)) (local.get $sampleBytes))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $nextM)))
          (local.set $a (i32.add (local.get $a) (i32.shl (local.get $step) (i32.const 2))))
          (local.set $c (i32.add (local.get $c) (local.get $step)))
          (br $nextG)))
        (local.set $ix (i32.add (local.get $ix) (i32.const 1)))
        (if (i32.eq (local.get $ix) (local.get $inW)) (then
          (local.set $ix (i32.const 0))
          (local.set $iy (i32.add (local.get $iy) (i32.const 1)))))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $nextQ)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $nextB)))
    (local.get $n))

  ;; 2×2, stride 2, unpadded max pooling of one HWC sample (c channels, output outH × outW, input rows of
  ;; inW positions): the maximum of four (f32x4.max / f32.max: like Math.max, −0 < +0, NaN wins).
  (func (export "max_pool_2x2") (param $x i32) (param $out i32) (param $outH i32) (param $outW i32) (param $c i32)
    (param $inW i32)
    (local $oy i32) (local $ox i32) (local $a i32) (local $o i32) (local $i i32) (local $row i32) (local $cb i32)
    (local $end4 i32)
    (local.set $row (i32.shl (i32.mul (local.get $inW) (local.get $c)) (i32.const 2)))
    (local.set $cb (i32.shl (local.get $c) (i32.const 2)))
    (local.set $end4 (i32.shl (i32.and (local.get $c) (i32.const -4)) (i32.const 2)))
    (local.set $o (local.get $out))
    (block $doneY (loop $nextY
      (br_if $doneY (i32.ge_u (local.get $oy) (local.get $outH)))
      (local.set $ox (i32.const 0))
      (block $doneX (loop $nextX
        (br_if $doneX (i32.ge_u (local.get $ox) (local.get $outW)))
        (local.set $a (i32.add (local.get $x) (i32.add
          (i32.mul (i32.shl (local.get $oy) (i32.const 1)) (local.get $row))
          (i32.mul (i32.shl (local.get $ox) (i32.const 1)) (local.get $cb)))))
        (local.set $i (i32.const 0))
        (block $done4 (loop $next4
          (br_if $done4 (i32.ge_u (local.get $i) (local.get $end4)))
          (v128.store (i32.add (local.get $o) (local.get $i))
            (f32x4.max
              (f32x4.max (v128.load (i32.add (local.get $a) (local.get $i)))
                (v128.load (i32.add (i32.add (local.get $a) (local.get $cb)) (local.get $i))))
              (f32x4.max (v128.load (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $i)))
                (v128.load (i32.add (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $cb)) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 16)))
          (br $next4)))
        (block $done1 (loop $next1
          (br_if $done1 (i32.ge_u (local.get $i) (local.get $cb)))
          (f32.store (i32.add (local.get $o) (local.get $i))
            (f32.max
              (f32.max (f32.load (i32.add (local.get $a) (local.get $i)))
                (f32.load (i32.add (i32.add (local.get $a) (local.get $cb)) (local.get $i))))
              (f32.max (f32.load (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $i)))
                (f32.load (i32.add (i32.add (i32.add (local.get $a) (local.get $row)) (local.get $cb)) (local.get $i))))))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $next1)))
        (local.set $o (i32.add (local.get $o) (local.get $cb)))
        (local.set $ox (i32.add (local.get $ox) (i32.const 1)))
        (br $nextX)))
      (local.set $oy (i32.add (local.get $oy) (i32.const 1)))
      (br $nextY))))
